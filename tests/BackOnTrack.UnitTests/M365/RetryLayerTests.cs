using System.Net;
using BackOnTrack.M365;
using BackOnTrack.M365.Digest;
using BackOnTrack.UnitTests.Support;

namespace BackOnTrack.UnitTests.M365;

/// <summary>The retry layer's edges, through the webhook poster with a scripted transport.</summary>
public class RetryLayerTests
{
    private readonly FakeClock _clock = new();

    private static M365Options Options(Action<M365Options>? configure = null)
    {
        var options = new M365Options
        {
            BoardWebhookUrl = "https://prod-01.uksouth.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=s",
            MaxRetries = 3,
            RetryDelay = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        return options;
    }

    private static System.Text.Json.Nodes.JsonObject Card() => DigestCardBuilder.Build(SampleDigests.Typical()).Card;

    [Fact]
    public async Task ARetryAfterDateIsWaitedUntil()
    {
        var transport = new ScriptedHttpHandler()
            .Then(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(_clock.GetUtcNow().AddSeconds(9)))
            .Then(HttpStatusCode.Accepted);
        var poster = HubClients.Webhook(Options(), _clock, transport);
        var waits = new List<TimeSpan>();

        var result = await _clock.DriveAsync(poster.PostAsync(Card(), default), waits);

        Assert.Equal(DigestOutcome.Posted, result.Outcome);
        Assert.Equal([TimeSpan.FromSeconds(9)], waits);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task ANetworkFailureIsRetriedWithBackoff()
    {
        var transport = new ScriptedHttpHandler()
            .ThenThrow(new HttpRequestException("Connection reset by peer"))
            .Then(HttpStatusCode.Accepted);
        var poster = HubClients.Webhook(Options(), _clock, transport);
        var waits = new List<TimeSpan>();

        var result = await _clock.DriveAsync(poster.PostAsync(Card(), default), waits);

        Assert.Equal(DigestOutcome.Posted, result.Outcome);
        var wait = Assert.Single(waits);
        Assert.InRange(wait, TimeSpan.Zero, TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task AnAttemptWithNoAnswerInTimeCountsAsANetworkFailureAndIsRetried()
    {
        var transport = new HangsOnceHandler();
        var poster = HubClients.Webhook(Options(o => o.NetworkTimeout = TimeSpan.FromSeconds(2)), _clock, transport);

        var result = await _clock.DriveAsync(poster.PostAsync(Card(), default));

        Assert.Equal(DigestOutcome.Posted, result.Outcome);
        Assert.Equal(2, transport.Calls);
    }

    [Fact]
    public async Task CancellingTheCallStopsTheRetriesAtOnce()
    {
        var transport = new ScriptedHttpHandler().Then(HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30)));
        var poster = HubClients.Webhook(Options(), _clock, transport);
        using var cancellation = new CancellationTokenSource();

        var posting = poster.PostAsync(Card(), cancellation.Token);
        await _clock.WaitForPendingTimerAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => posting);
        Assert.Single(transport.Requests);
    }

    private sealed class HangsOnceHandler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new ByteArrayContent([]) };
        }
    }
}
