using BackOnTrack.Application.Configuration;
using BackOnTrack.M365;
using BackOnTrack.Storage;

namespace BackOnTrack.Functions.Hosting;

/// <summary>Builds the handler: one ASP.NET Core app whatever starts it (the Functions host, a local run, a test).</summary>
public static class HandlerApp
{
    /// <param name="port">Port to listen on, on 127.0.0.1 only; 0 picks a free one.</param>
    /// <param name="clock">The hub's clock (a fixed "as of" date in demos and tests).</param>
    /// <param name="configure">Last-minute registrations, for tests.</param>
    public static WebApplication Build(int port, TimeProvider clock, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddHubSettings();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        // Request-by-request framework chatter drowns the hub's own counts and ids.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton(clock);
        builder.Services.AddBackOnTrackStorage(builder.Configuration);
        builder.Services.AddBackOnTrackM365(builder.Configuration);
        builder.Services.AddBackOnTrackFunctions(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapBackOnTrackFunctions();
        return app;
    }

    /// <summary>Outside a Functions host: the port in <c>LocalHost__Port</c>, or its default.</summary>
    public static int LocalPortFromSettings()
    {
        var configuration = new ConfigurationBuilder();
        configuration.AddHubSettings();
        return configuration.Build().GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>()?.Port ?? new LocalHostOptions().Port;
    }

    /// <summary>The port the Functions host assigned, or null outside a Functions host.</summary>
    public static int? HostAssignedPort()
    {
        var value = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") ?? Environment.GetEnvironmentVariable("FUNCTIONS_HTTPWORKER_PORT");
        return int.TryParse(value, out var port) ? port : null;
    }
}
