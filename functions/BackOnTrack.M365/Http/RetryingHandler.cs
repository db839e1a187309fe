using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace BackOnTrack.M365.Http;

/// <summary>
/// The one retry layer of one dependency (Graph, or the Workflows webhook), as the outermost handler of its
/// <see cref="HttpClient"/>. Retries the given statuses and network failures, waits the service's Retry-After when it
/// names one (else exponential backoff with jitter), and waits through <see cref="TimeProvider"/> so tests never sleep.
/// Every attempt sends a fresh copy of the request (body buffered once), so downstream handlers see a clean message.
/// 401, 403 and 404 are never retried: they are answers, not accidents.
/// </summary>
internal sealed partial class RetryingHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeSpan _networkTimeout;

    public RetryingHandler(RetryRules rules, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _networkTimeout = rules.NetworkTimeout;
        _pipeline = rules.Pipeline<HttpResponseMessage>(
            timeProvider,
            outcome => ShouldRetry(rules, outcome, timeProvider),
            outcome => RetryAfter(outcome.Result, timeProvider),
            args =>
            {
                LogRetry(
                    logger,
                    rules.Dependency,
                    args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name,
                    args.AttemptNumber + 1,
                    (long)args.RetryDelay.TotalMilliseconds);
                args.Outcome.Result?.Dispose();
            });
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        var response = await state.Self.SendOnceAsync(state.Request, state.Body, ctx.CancellationToken).ConfigureAwait(false);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (Self: this, Request: request, Body: body)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage original, byte[]? body, CancellationToken cancellationToken)
    {
        var attempt = Copy(original, body);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_networkTimeout);
        try
        {
            var response = await base.SendAsync(attempt, timeout.Token).ConfigureAwait(false);
            // Graph's and the webhook's answers are small: read them inside the attempt's time limit.
            await response.Content.LoadIntoBufferAsync(timeout.Token).ConfigureAwait(false);
            return response;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No answer within {_networkTimeout.TotalSeconds:0} s.", ex);
        }
    }

    /// <summary>A fresh message with the original's method, address, headers, options and (buffered) body.</summary>
    internal static HttpRequestMessage Copy(HttpRequestMessage original, byte[]? body)
    {
        var copy = new HttpRequestMessage(original.Method, original.RequestUri)
        {
            Version = original.Version,
            VersionPolicy = original.VersionPolicy,
        };
        foreach (var header in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in original.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in original.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }

    private static bool ShouldRetry(RetryRules rules, Outcome<HttpResponseMessage> outcome, TimeProvider timeProvider)
    {
        if (outcome.Result is not { } response)
        {
            return outcome.Exception is HttpRequestException or IOException or TimeoutException;
        }

        if (!rules.RetryStatuses.Contains(response.StatusCode))
        {
            return false;
        }

        // A wait longer than the hub accepts is not shortened: the call fails with the service's answer instead.
        return RetryAfter(response, timeProvider) is not { } wait || wait <= rules.MaxRetryDelay;
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

/// <summary>What one dependency's retry layer retries, how often and how long it waits.</summary>
internal sealed record RetryRules(
    string Dependency,
    IReadOnlySet<HttpStatusCode> RetryStatuses,
    int MaxRetries,
    TimeSpan RetryDelay,
    TimeSpan MaxRetryDelay,
    TimeSpan NetworkTimeout)
{
    /// <summary>
    /// The one retry policy of this dependency, for whatever can be retried: at most <see cref="MaxRetries"/> retries,
    /// exponential backoff with jitter from <see cref="RetryDelay"/> capped at <see cref="MaxRetryDelay"/> unless the
    /// service names its own wait, every wait through <paramref name="timeProvider"/>.
    /// </summary>
    public ResiliencePipeline<T> Pipeline<T>(TimeProvider timeProvider, Func<Outcome<T>, bool> shouldRetry, Func<Outcome<T>, TimeSpan?> serviceDelay, Action<OnRetryArguments<T>> onRetry) =>
        MaxRetries <= 0
            ? ResiliencePipeline<T>.Empty
            : new ResiliencePipelineBuilder<T> { TimeProvider = timeProvider }
                .AddRetry(new RetryStrategyOptions<T>
                {
                    MaxRetryAttempts = MaxRetries,
                    Delay = RetryDelay,
                    MaxDelay = MaxRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(shouldRetry(args.Outcome)),
                    DelayGenerator = args => ValueTask.FromResult(serviceDelay(args.Outcome)),
                    OnRetry = args =>
                    {
                        onRetry(args);
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();

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
}
