using System.Text.Json.Nodes;
using BackOnTrack.M365;
using BackOnTrack.M365.Digest;
using BackOnTrack.UnitTests.Support;

namespace BackOnTrack.UnitTests.M365;

public class WorkflowsWebhookPosterAgainstFakeWebhook : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private FakeGraphServer _server = null!;
    private WorkflowsWebhookPoster _poster = null!;
    private M365Options _options = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeGraphServer.StartAsync(_clock.GetUtcNow);
        _options = GraphRig.OptionsFor(_server);
        _poster = HubClients.Webhook(_options, _clock);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static JsonObject Card() => DigestCardBuilder.Build(SampleDigests.Typical()).Card;

    [Fact]
    public async Task PostsTheCardInTheWorkflowsMessageEnvelope()
    {
        var card = Card();

        var result = await _clock.DriveAsync(_poster.PostAsync(card, default));

        Assert.Equal(DigestOutcome.Posted, result.Outcome);
        Assert.True(result.Delivered);
        var request = Assert.Single(_server.RequestsTo(FakeEndpoint.Webhook));
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(result.BodyBytes, System.Text.Encoding.UTF8.GetByteCount(request.Body));
        var attachment = request.Json!["attachments"]![0]!;
        Assert.Equal("message", request.Json!["type"]!.GetValue<string>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(card, attachment["content"]));
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task A429WithRetryAfterIsRetriedOnceAfterExactlyThatDelay()
    {
        _server.ThrottleOnce(FakeEndpoint.Webhook, retryAfterSeconds: 3);
        var waits = new List<TimeSpan>();

        var result = await _clock.DriveAsync(_poster.PostAsync(Card(), default), waits);

        Assert.Equal(DigestOutcome.Posted, result.Outcome);
        Assert.Equal([TimeSpan.FromSeconds(3)], waits);
        var posts = _server.RequestsTo(FakeEndpoint.Webhook);
        Assert.Equal(2, posts.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), posts[1].At - posts[0].At);
        Assert.Equal(posts[0].Body, posts[1].Body);
    }

    [Fact]
    public async Task AServerErrorStormGivesUpAfterTheBoundedAttempts()
    {
        _server.AlwaysFail(FakeEndpoint.Webhook, 502, "BadGateway");
        var waits = new List<TimeSpan>();

        var error = await Assert.ThrowsAsync<M365ServiceException>(() => _clock.DriveAsync(_poster.PostAsync(Card(), default), waits));

        Assert.Equal(502, error.Status);
        Assert.Equal("BadGateway", error.ErrorCode);
        Assert.Equal(1 + _options.MaxRetries, _server.RequestsTo(FakeEndpoint.Webhook).Count);
        Assert.Equal(_options.MaxRetries, waits.Count);
    }

    [Fact]
    public async Task ABadRequestIsNotRetried()
    {
        _server.AlwaysFail(FakeEndpoint.Webhook, 400, "InvalidRequestContent");

        var error = await Assert.ThrowsAsync<M365ServiceException>(() => _clock.DriveAsync(_poster.PostAsync(Card(), default)));

        Assert.Equal(400, error.Status);
        Assert.Single(_server.RequestsTo(FakeEndpoint.Webhook));
    }

    [Fact]
    public async Task AWrongSignatureIsTheHubsCredentialsRefusedAndTheSecretIsNotRepeated()
    {
        var options = GraphRig.OptionsFor(_server);
        options.BoardWebhookUrl = _server.WebhookUrl.Replace(FakeGraphServer.WebhookSignature, "stale-signature-42", StringComparison.Ordinal);
        var poster = HubClients.Webhook(options, _clock);

        var error = await Assert.ThrowsAsync<M365CredentialsRefusedException>(() => _clock.DriveAsync(poster.PostAsync(Card(), default)));

        Assert.Equal(401, error.Status);
        Assert.Equal("DirectApiInvalidAuthorizationSignature", error.ErrorCode);
        Assert.DoesNotContain("stale-signature-42", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", error.ToString(), StringComparison.Ordinal);
        Assert.Single(_server.RequestsTo(FakeEndpoint.Webhook));
    }

    [Fact]
    public async Task ABodyOf28KbOrMoreIsRefusedBeforeSending()
    {
        var card = Card();
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlock", ["text"] = new string('x', 28 * 1024), ["wrap"] = true });

        var error = await Assert.ThrowsAsync<DigestTooLargeException>(() => _poster.PostAsync(card, default));

        Assert.True(error.Bytes >= 28 * 1024);
        Assert.Contains("Nothing was posted", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task JustUnderTheLimitIsPostedAndTheFakeAgreesWithTheLimit()
    {
        var card = Card();
        var filler = new JsonObject { ["type"] = "TextBlock", ["text"] = "", ["wrap"] = true };
        card["body"]!.AsArray().Add(filler);
        filler["text"] = new string('x', WorkflowsMessage.MaxBodyBytes - 1 - WorkflowsMessage.Serialize(card).Length);
        Assert.Equal(WorkflowsMessage.MaxBodyBytes - 1, WorkflowsMessage.Serialize(card).Length);

        var result = await _clock.DriveAsync(_poster.PostAsync(card, default));

        Assert.Equal(DigestOutcome.Posted, result.Outcome);
        Assert.Equal(WorkflowsMessage.MaxBodyBytes - 1, result.BodyBytes);
    }

    [Fact]
    public void AWebhookUrlThatIsNotHttpsIsRefused()
    {
        var options = GraphRig.OptionsFor(_server);
        options.BoardWebhookUrl = "http://prod-12.uksouth.logic.azure.com/workflows/x?sig=abc";

        var error = Assert.Throws<ArgumentException>(() => HubClients.Webhook(options, _clock));
        Assert.DoesNotContain("sig=abc", error.Message, StringComparison.Ordinal);
    }
}
