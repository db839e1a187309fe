using BackOnTrack.LocalHost.Functions;
using BackOnTrack.LocalHost.Rpc;
using BackOnTrack.LocalHost.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.LocalHost.Triggers;

/// <summary>
/// HTTP triggers as the host serves them with ASP.NET Core integration: each function's route under the route prefix,
/// matched here; the invocation request goes to the worker over the stream and, at the same time, the real request to
/// the worker's own HTTP server with <c>x-ms-invocation-id</c>; the worker's response is the answer, unchanged.
/// </summary>
internal sealed partial class HttpProxy : IAsyncDisposable
{
    // Hop-by-hop headers are the proxy's own business, not the function's.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Authorization", "Proxy-Authenticate", "Host",
    };

    private const string WorkerClient = "worker";

    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private HttpProxy(WebApplication app, HttpClient client)
    {
        _app = app;
        _client = client;
    }

    public Uri Address { get; private set; } = null!;

    /// <param name="workerSocket">The Unix socket the running worker's HTTP server listens on, asked at each new connection.</param>
    public static async Task<HttpProxy> StartAsync(int port, string routePrefix, IReadOnlyList<FunctionDefinition> functions, Func<Uri?> workerHttpUri,
        Func<CancellationToken, ValueTask<string>> workerSocket, Invoker invoker, ILogger logger, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        builder.Services.AddRouting();
        // The worker's answers are the function's own: no redirects followed, no cookies kept, no timeout but the function's.
        builder.Services.AddHttpClient(WorkerClient, http => http.Timeout = Timeout.InfiniteTimeSpan).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (_, connecting) =>
                new System.Net.Sockets.NetworkStream(await WorkerHttpSocket.ConnectAsync(await workerSocket(connecting).ConfigureAwait(false), connecting).ConfigureAwait(false), ownsSocket: true),
        });
        var app = builder.Build();
        var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WorkerClient);
        var proxy = new HttpProxy(app, client);
        foreach (var function in functions)
        {
            if (function.Trigger is not HttpTrigger trigger)
            {
                continue;
            }

            var template = string.IsNullOrEmpty(routePrefix) ? trigger.Route : routePrefix + "/" + trigger.Route.TrimStart('/');
            RequestDelegate handler = context => proxy.ForwardAsync(context, function, trigger, workerHttpUri(), invoker, logger);
            var endpoint = trigger.Methods.Count == 0 ? app.Map(template, handler) : app.MapMethods(template, trigger.Methods, handler);
            endpoint.WithDisplayName(function.Name);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Address = new Uri(address.EndsWith('/') ? address : address + "/");
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context, FunctionDefinition function, HttpTrigger trigger, Uri? workerUri, Invoker invoker, ILogger logger)
    {
        if (workerUri is null)
        {
            LogNoHttpUri(logger, function.Name);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        var request = context.Request;
        var rpcHttp = new RpcHttp { Method = request.Method, Url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}" };
        var metadata = new Dictionary<string, TypedData>(StringComparer.Ordinal);
        foreach (var (key, value) in context.GetRouteData().Values)
        {
            if (value?.ToString() is { } text)
            {
                metadata[key] = new TypedData { String = text };
                rpcHttp.NullableParams[key] = new NullableString { Value = text };
            }
        }

        var invocation = invoker.InvokeAsync(function, invocationId, new TypedData { Http = rpcHttp }, metadata, context.RequestAborted);

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(workerUri, $"{request.Path.Value!.TrimStart('/')}{request.QueryString}"));
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        forward.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
        try
        {
            using var response = await _client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // The worker went away mid-request: the host answers 500, as Azure does when a function cannot complete.
            LogForwardFailed(logger, function.Name, invocationId, ex.Message);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }

        await invocation.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {Function} cannot be served: the worker reported no HttpUri (is ConfigureFunctionsWebApplication used?)")]
    private static partial void LogNoHttpUri(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding invocation {InvocationId} of {Function} to the worker failed: {Reason}")]
    private static partial void LogForwardFailed(ILogger logger, string function, string invocationId, string reason);
}
