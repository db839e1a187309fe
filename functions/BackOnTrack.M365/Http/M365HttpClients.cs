using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Polly;

namespace BackOnTrack.M365.Http;

/// <summary>
/// The named <see cref="HttpClient"/>s of the hub's two Microsoft 365 dependencies, from <see cref="IHttpClientFactory"/>:
/// each with one retry layer (a resilience handler built from <see cref="RetryRules"/>), a per-attempt time limit and
/// the decorated User-Agent. Graph's also carries the Graph SDK's default middleware without Kiota's own RetryHandler.
/// </summary>
public static class M365HttpClients
{
    /// <summary>The client under the <see cref="GraphServiceClient"/>.</summary>
    public const string Graph = "BackOnTrack.M365.Graph";

    /// <summary>The client the board digest is posted with.</summary>
    public const string Webhook = "BackOnTrack.M365.Webhook";

    /// <summary>
    /// Graph's traffic decoration for enterprise apps (<c>NONISV|Company|App/Version</c>); undecorated traffic is
    /// throttled first.
    /// </summary>
    public const string UserAgent = "NONISV|BackOnTrack|BackOnTrack/1.0";

    /// <summary>
    /// Registers both clients. Their limits come from the <see cref="M365Options"/> service; retry waits go through the
    /// <see cref="TimeProvider"/> service (the system clock without one).
    /// </summary>
    public static IServiceCollection AddM365HttpClients(this IServiceCollection services)
    {
        services.AddHttpClient(Graph)
            .ConfigureHttpClient(Configure)
            .ConfigurePrimaryHttpMessageHandler(Transport)
            // The GraphServiceClient is a singleton holding its HttpClient: connections are recycled by the transport's
            // PooledConnectionLifetime instead of by handler rotation.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
            {
                // A fresh list per handler chain: Kiota's handlers are chained in place and cannot be shared.
                foreach (var handler in GraphClientFactory.CreateDefaultHandlers().Where(h => h is not RetryHandler))
                {
                    handlers.Add(handler);
                }
            })
            .AddM365Resilience(RetryRules.Graph, "BackOnTrack.M365.Graph");

        services.AddHttpClient(Webhook)
            .ConfigureHttpClient(Configure)
            .ConfigurePrimaryHttpMessageHandler(Transport)
            .AddM365Resilience(RetryRules.Webhook, "BackOnTrack.M365.Webhook");
        return services;
    }

    private static void Configure(HttpClient http)
    {
        // Each attempt has its own limit inside the resilience handler; a client-wide timeout would also cut the waits.
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
    }

    private static SocketsHttpHandler Transport() => new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <summary>
    /// Innermost, after any middleware, so only the wire is retried: the retry layer on the hub's clock, then the time
    /// limit of one attempt.
    /// </summary>
    private static IHttpClientBuilder AddM365Resilience(this IHttpClientBuilder client, Func<M365Options, RetryRules> rulesFor, string category)
    {
        client.AddResilienceHandler(client.Name + ".Retry", (pipeline, context) =>
        {
            var rules = rulesFor(context.ServiceProvider.GetRequiredService<M365Options>());
            var clock = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            pipeline.TimeProvider = clock;
            var logger = (context.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(category);
            rules.AddHttpRetry(pipeline, clock, logger);
        });

        // The network's time limit is real time, whatever the hub's clock says (tests and "as of" runs move theirs).
        client.AddResilienceHandler(client.Name + ".Attempt", (pipeline, context) =>
        {
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddTimeout(rulesFor(context.ServiceProvider.GetRequiredService<M365Options>()).NetworkTimeout);
        });
        return client;
    }
}
