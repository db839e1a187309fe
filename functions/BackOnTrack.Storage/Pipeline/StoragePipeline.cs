using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace BackOnTrack.Storage.Pipeline;

/// <summary>
/// The one path every storage request takes: stamp version and date, authenticate, send, and retry transient failures.
/// Retry lives here and nowhere else, so attempts never multiply. Requests are rebuilt for every attempt because an
/// <see cref="HttpRequestMessage"/> cannot be sent twice and the signature covers a fresh <c>x-ms-date</c>.
/// </summary>
internal sealed partial class StoragePipeline
{
    private static readonly HashSet<HttpStatusCode> TransientStatuses =
    [
        HttpStatusCode.RequestTimeout,
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    private readonly HttpClient _http;
    private readonly IStorageAuthenticator _authenticator;
    private readonly TimeProvider _timeProvider;
    private readonly string _serviceVersion;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    public StoragePipeline(
        HttpClient http,
        IStorageAuthenticator authenticator,
        StorageClientOptions options,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _http = http;
        _authenticator = authenticator;
        _timeProvider = timeProvider;
        _serviceVersion = "2025-11-05";
        var maxDelay = options.MaxRetryDelay;
        _retry = options.MaxRetries <= 0 ? ResiliencePipeline<HttpResponseMessage>.Empty : new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                MaxDelay = maxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Context.Properties.TryGetValue(NoRetryKey, out var noRetry) && noRetry
                        ? false
                        : IsTransient(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, timeProvider, maxDelay)),
                OnRetry = args =>
                {
                    LogRetry(
                        logger,
                        args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1,
                        (long)args.RetryDelay.TotalMilliseconds);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Set on a context to send exactly once, for bodies that cannot be replayed.</summary>
    internal static readonly ResiliencePropertyKey<bool> NoRetryKey = new("BackOnTrack.Storage.NoRetry");

    /// <summary>
    /// Sends the request <paramref name="createRequest"/> builds, retrying transient failures, and returns the final
    /// response whatever its status (callers decide what a status means). With
    /// <paramref name="streamResponse"/> the body is left unread so a blob can be streamed.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest,
        CancellationToken cancellationToken,
        bool streamResponse = false,
        bool retryable = true)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(NoRetryKey, !retryable);
        try
        {
            var outcome = await _retry.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        var response = await state.Self.SendOnceAsync(state.CreateRequest, state.StreamResponse, ctx.CancellationToken).ConfigureAwait(false);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException
                                               || (ex is OperationCanceledException && !ctx.CancellationToken.IsCancellationRequested))
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (Self: this, CreateRequest: createRequest, StreamResponse: streamResponse)).ConfigureAwait(false);

            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> createRequest, bool streamResponse, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        request.Headers.TryAddWithoutValidation("x-ms-version", _serviceVersion);
        request.Headers.TryAddWithoutValidation("x-ms-date", _timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("x-ms-client-request-id", Guid.NewGuid().ToString());
        await _authenticator.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        var completion = streamResponse ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
        return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) =>
        outcome.Result is { } response
            ? TransientStatuses.Contains(response.StatusCode)
            : outcome.Exception is HttpRequestException or IOException
              || (outcome.Exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The server's own wait (Retry-After seconds or date, or x-ms-retry-after-ms), capped; null for backoff.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider, TimeSpan maxDelay)
    {
        if (response is null)
        {
            return null;
        }

        TimeSpan? wait = null;
        if (response.Headers.TryGetValues("x-ms-retry-after-ms", out var msValues)
            && int.TryParse(msValues.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
        {
            wait = TimeSpan.FromMilliseconds(ms);
        }
        else if (response.Headers.RetryAfter is { } retryAfter)
        {
            wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        }

        if (wait is null)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > maxDelay ? maxDelay : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage request failed with {Status}; retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string? status, int attempt, long delayMs);
}
