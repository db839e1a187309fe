using BackOnTrack.Application.Configuration;
using Microsoft.Extensions.Hosting;

namespace BackOnTrack.Application.Hosting;

/// <summary>
/// The hub composed outside the Functions worker — for the operator's verbs and for tests that call a use case
/// directly: the same settings and services as the deployed worker, without its triggers.
/// </summary>
public static class HubApp
{
    /// <param name="clock">The hub's clock (a fixed "as of" date in demos and tests).</param>
    /// <param name="configure">Last-minute settings and registrations, for tests.</param>
    public static IHost Build(TimeProvider clock, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddHubSettings();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        // As in the worker (Program.cs): the SDK's warnings include every expected 404 and 409.
        builder.Logging.AddFilter("Azure.Core", LogLevel.Error);
        builder.Services.AddSingleton(clock);
        builder.Services.AddBackOnTrackHub(builder.Configuration);
        // After the hub's registrations, so a test's replacement (a fake credential, say) is the one resolved.
        configure?.Invoke(builder);
        return builder.Build();
    }
}
