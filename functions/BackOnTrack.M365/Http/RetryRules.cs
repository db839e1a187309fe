using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace BackOnTrack.M365.Http;

/// <summary>
/// The one retry policy of one dependency (Graph, or the Workflows webhook): which answers are retried, how often and
/// how long the hub waits. Both of Graph's retry layers take their limits from here: the HTTP client's resilience
/// handler, and the per-step retry inside a <c>$batch</c> that no HTTP handler can see.
/// </summary>
internal sealed partial record RetryRules(
    string Dependency,
    IReadOnlySet<HttpStatusCode> RetryStatuses,
    int MaxRetries,
    TimeSpan RetryDelay,
    TimeSpan MaxRetryDelay,
    TimeSpan NetworkTimeout)
{
    /// <summary>Graph: throttling (429) and the two "try again" answers (503, 504), as Kiota's own handler would.</summary>
    public static RetryRules Graph(M365Options options) => new(
        "Graph",
        new HashSet<HttpStatusCode> { HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout },
        options.MaxRetries,
        options.RetryDelay,
        options.MaxRetryDelay,
        options.NetworkTimeout);

    /// <summary>The Workflows webhook: throttling, timeouts and server errors.</summary>
    public static RetryRules Webhook(M365Options options) => new(
        "Workflows webhook",
        new HashSet<HttpStatusCode>
        {
            HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
            HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
        },
        options.MaxRetries,
        options.RetryDelay,
        options.MaxRetryDelay,
        options.NetworkTimeout);

    /// <summary>
    /// The retry strategy for whatever can be retried: at most <see cref="MaxRetries"/> retries, exponential backoff with
    /// jitter from <see cref="RetryDelay"/> capped at <see cref="MaxRetryDelay"/> unless the service names its own wait.
    /// A wait longer than the hub accepts is not shortened: <paramref name="serviceWait"/> above the cap means no retry.
    /// The waits run on the pipeline builder's <see cref="TimeProvider"/>.
    /// </summary>
    public RetryStrategyOptions<T> Strategy<T>(Func<Outcome<T>, bool> retryable, Func<Outcome<T>, TimeSpan?> serviceWait, Action<OnRetryArguments<T>> onRetry) => new()
    {
        MaxRetryAttempts = MaxRetries,
        Delay = RetryDelay,
        MaxDelay = MaxRetryDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        ShouldHandle = args => ValueTask.FromResult(
            retryable(args.Outcome) && (serviceWait(args.Outcome) is not { } wait || wait <= MaxRetryDelay)),
        DelayGenerator = args => ValueTask.FromResult(serviceWait(args.Outcome)),
        OnRetry = args =>
        {
            onRetry(args);
            return ValueTask.CompletedTask;
        },
    };

    /// <summary>
    /// The HTTP client's retry: the statuses of this dependency, and network failures (including an attempt with no
    /// answer within <see cref="NetworkTimeout"/>). 401, 403 and 404 are never retried: they are answers, not accidents.
    /// </summary>
    public void AddHttpRetry(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeProvider timeProvider, ILogger logger)
    {
        if (MaxRetries <= 0)
        {
            return;
        }

        pipeline.AddRetry(Strategy<HttpResponseMessage>(
            outcome => outcome.Result is { } response
                ? RetryStatuses.Contains(response.StatusCode)
                : outcome.Exception is HttpRequestException or IOException or TimeoutRejectedException,
            outcome => RetryAfter(outcome.Result, timeProvider),
            args => LogRetry(
                logger,
                Dependency,
                args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name,
                args.AttemptNumber + 1,
                (long)args.RetryDelay.TotalMilliseconds)));
    }

    /// <summary>The service's own wait (Retry-After seconds or date); null to use backoff.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} request failed with {Status}; retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string dependency, string? status, int attempt, long delayMs);
}
