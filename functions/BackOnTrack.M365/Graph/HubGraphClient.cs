using Azure.Core;
using BackOnTrack.M365.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;

namespace BackOnTrack.M365.Graph;

/// <summary>
/// Builds the hub's <see cref="GraphServiceClient"/>: the SDK's default middleware without Kiota's
/// <see cref="RetryHandler"/>, the hub's single retry layer outermost, a decorated User-Agent, the configured base URL
/// and app-only tokens from a <see cref="TokenCredential"/>.
/// </summary>
public static class HubGraphClient
{
    /// <summary>
    /// Graph's traffic decoration for enterprise apps (<c>NONISV|Company|App/Version</c>); undecorated traffic is
    /// throttled first (GRAPH.md §4.2).
    /// </summary>
    public const string UserAgent = "NONISV|BackOnTrack|BackOnTrack/1.0";

    /// <summary>App-only scope: whatever the app registration was granted on Graph.</summary>
    public const string GraphScope = "https://graph.microsoft.com/.default";

    /// <param name="options">Base URL and retry settings.</param>
    /// <param name="credential">The hub's identity. Tokens are attached for the base URL's host only.</param>
    /// <param name="timeProvider">Clock the retry waits go through.</param>
    /// <param name="logger">Where retries are logged (status and attempt only: never URLs or bodies).</param>
    /// <param name="transport">The innermost handler; default a pooled <see cref="SocketsHttpHandler"/>.</param>
    public static GraphServiceClient Create(
        M365Options options,
        TokenCredential credential,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        var baseUrl = options.GraphBaseUrl.TrimEnd('/');
        var http = CreateHttpClient(options, timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance, transport);
        var host = new Uri(baseUrl).Host;
        // Allowed hosts: the configured one only, so a token never travels anywhere else (and a 127.0.0.1 fake gets one,
        // which lets tests see exactly what Graph would).
        var authentication = new AzureIdentityAuthenticationProvider(credential, [host], null, true, GraphScope);
        return new GraphServiceClient(http, authentication, baseUrl);
    }

    /// <summary>The HTTP client under the Graph SDK: default handlers minus Kiota's retry, plus the hub's.</summary>
    internal static HttpClient CreateHttpClient(M365Options options, TimeProvider timeProvider, ILogger logger, HttpMessageHandler? transport)
    {
        // A fresh list per client: handlers are chained in place and cannot be reused.
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        foreach (var kiotaRetry in handlers.OfType<RetryHandler>().ToList())
        {
            handlers.Remove(kiotaRetry);
        }

        handlers.Insert(0, new RetryingHandler(RetryRules.Graph(options), timeProvider, logger));
        var http = GraphClientFactory.Create(
            handlers,
            finalHandler: transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        // Each attempt has its own limit inside the retry layer; a client-wide timeout would also cut the waits between them.
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
        return http;
    }
}
