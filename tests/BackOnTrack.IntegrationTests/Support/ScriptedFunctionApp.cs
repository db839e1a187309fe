using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>
/// A stand-in handler on 127.0.0.1 whose functions succeed or fail as a test says, recording every payload the local
/// host POSTs to it.
/// </summary>
public sealed class ScriptedFunctionApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedFunctionApp(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Function, JsonDocument Payload)> Invocations { get; } = new();

    public Uri Address { get; private set; } = null!;

    /// <summary>Starts a handler where each named function answers with the given status.</summary>
    public static async Task<ScriptedFunctionApp> StartAsync(IReadOnlyDictionary<string, int> statusByFunction)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var scripted = new ScriptedFunctionApp(app);
        foreach (var (function, status) in statusByFunction)
        {
            app.MapPost("/" + function, async (HttpRequest request) =>
            {
                scripted.Invocations.Enqueue((function, await JsonDocument.ParseAsync(request.Body)));
                return Results.Json(new { Outputs = new { }, Logs = Array.Empty<string>(), ReturnValue = (object?)null }, statusCode: status);
            });
        }

        await app.StartAsync();
        scripted.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return scripted;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var (_, payload) in Invocations)
        {
            payload.Dispose();
        }
    }
}
