using System.Text.Json;
using System.Text.Json.Nodes;
using BackOnTrack.Application.BoardPack;
using BackOnTrack.Application.Prompts;
using BackOnTrack.M365.Outbox;
using BackOnTrack.Storage;
using BackOnTrack.UnitTests.M365;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.Prompts;

/// <summary>
/// PromptOwners on the seed action plan, through the hub's real Graph client and webhook poster to the fake Graph and
/// webhook server, on real storage and a fake clock (issue 6's acceptance).
/// </summary>
public sealed class PromptOwnersAgainstFakeGraph : IAsyncLifetime
{
    private const string HeadOfInclusion = "8d037ebb-46cf-52e5-86de-622c73bba6aa";
    private const string TrailblazerLead = "6d70b706-a64c-5c42-ad31-87ab060f2e1d";
    private const string JointAd = "9e58faec-dd71-5f9f-bc8d-d6b65816b236";
    private const string Finance = "25c03df1-ceb6-5e19-855d-a30a2c6a046c";
    private const string Psychologist = "edb6f6e5-6180-5c8b-8cf1-b314bf260577";

    /// <summary>Open actions of the seed plan due before 1 October 2019, each with the people holding its roles.</summary>
    private static readonly string[] OverdueOnFirstOfOctober =
    [
        $"2.4 overdue {TrailblazerLead}",
        $"3.1 overdue {JointAd}",
        $"3.2 overdue {HeadOfInclusion}",
        $"3.3-2 overdue {JointAd}",
        $"3.3-2 overdue {Finance}",
        $"3.4 overdue {JointAd}",
        $"3.4 overdue {Finance}",
    ];

    private static readonly DateOnly FirstOfOctober = new(2019, 10, 1);
    private PromptRig _rig = null!;

    public async Task InitializeAsync() => _rig = await PromptRig.StartAsync(FirstOfOctober);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private List<string> Notified() =>
    [
        .. _rig.Graph.RequestsTo(FakeEndpoint.SendActivityNotification)
            .Select(r => $"{ActionKeyOf(r.Json!)} {r.Json!["activityType"]!.GetValue<string>()} {r.UserId}")
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The action a notification is about, read back from the tracker link it opens.</summary>
    private static string ActionKeyOf(JsonNode body) =>
        Uri.UnescapeDataString(new Uri(body["topic"]!["webUrl"]!.GetValue<string>()).Query.Split("FilterValue1=")[1]);

    private static void AssertSameNotifications(IEnumerable<string> expected, IEnumerable<string> actual) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));

    [Fact]
    public async Task NotifiesExactlyThePeopleHoldingTheRolesOfOverdueActionsAndNobodyElse()
    {
        var result = await _rig.PromptAsync();

        AssertSameNotifications(OverdueOnFirstOfOctober, Notified());
        Assert.Equal((7, 7, 0), (result.Prompts, result.Sent, result.Outstanding));
        Assert.Equal("2019-W40", result.Week.ToString());
        Assert.Equal(
            ["1.6 Various leads", "1.6 oversight by SEND Sufficiency Group"],
            result.Unprompted.Select(u => $"{u.Action.ActionKey} {u.Owner}"));
        var body = _rig.Graph.RequestsTo(FakeEndpoint.SendActivityNotification).First(r => ActionKeyOf(r.Json!) == "3.2").Json!;
        Assert.Equal("Action 3.2: " + body["templateParameters"]![1]!["value"]!.GetValue<string>(), body["topic"]!["value"]!.GetValue<string>());
        Assert.Equal("https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx?FilterField1=ActionId&FilterValue1=3.2", body["topic"]!["webUrl"]!.GetValue<string>());
        Assert.Contains("(1 day ago)", body["previewText"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SixWeeksLaterOwnersHearOfActionsDueWithinTwoWeeksAndOfThoseNowOverdue()
    {
        _rig.Clock.Advance(TimeSpan.FromDays(48)); // Monday 18 November 2019, 06:30 UTC.

        var result = await _rig.PromptAsync();

        Assert.Equal("2019-W47", result.Week.ToString());
        AssertSameNotifications([.. OverdueOnFirstOfOctober, $"3.2-2 due {JointAd}", $"4.3 due {Psychologist}", $"5.1 overdue {HeadOfInclusion}"], Notified());
    }

    [Fact]
    public async Task ARerunInTheSameWeekSendsNothingAndPostsNoSecondDigest()
    {
        var first = await _rig.PromptAsync();
        var requestsAfterFirst = _rig.Graph.Requests.Count;
        _rig.Clock.Advance(TimeSpan.FromDays(5)); // Sunday of the same ISO week.

        var second = await _rig.PromptAsync();

        Assert.Equal(DigestRunOutcome.Posted, first.Digest);
        Assert.Equal((7, 0, 7), (second.Prompts, second.Sent, second.AlreadySentThisWeek));
        Assert.Equal(DigestRunOutcome.AlreadyPosted, second.Digest);
        Assert.Equal(requestsAfterFirst, _rig.Graph.Requests.Count);
        Assert.Single(_rig.Graph.RequestsTo(FakeEndpoint.Webhook));
    }

    [Fact]
    public async Task TheNextWeekPromptsTheStillOverdueActionsAgainWithANewDigest()
    {
        await _rig.PromptAsync();
        _rig.Clock.Advance(TimeSpan.FromDays(6)); // Monday 7 October 2019: week 41.

        var next = await _rig.PromptAsync();

        Assert.Equal(("2019-W41", 7, DigestRunOutcome.Posted), (next.Week.ToString(), next.Sent, next.Digest));
        Assert.Equal(2, _rig.Graph.RequestsTo(FakeEndpoint.Webhook).Count);
    }

    [Fact]
    public async Task A429WithRetryAfterIsRetriedOnceAfterThatDelayAndEveryoneIsNotifiedOnce()
    {
        _rig.Graph.ThrottleOnce(FakeEndpoint.SendActivityNotification, retryAfterSeconds: 7);
        var waits = new List<TimeSpan>();

        var result = await _rig.PromptAsync(waits);

        Assert.Equal(7, result.Sent);
        Assert.Equal(8, _rig.Graph.RequestsTo(FakeEndpoint.SendActivityNotification).Count);
        AssertSameNotifications(OverdueOnFirstOfOctober, Notified().Distinct());
        Assert.Contains(TimeSpan.FromSeconds(7), waits);
    }

    [Fact]
    public async Task A503StormGivesUpWithinTheBoundedAttemptsAndTheNextRunCatchesUp()
    {
        _rig.Graph.ServiceUnavailableStorm(FakeEndpoint.SendActivityNotification);

        var stopped = await Assert.ThrowsAsync<PromptRunStoppedException>(() => _rig.PromptAsync());

        // One notification tried: the first attempt and MaxRetries (3) retries, then the run stops prompting.
        Assert.Equal(4, _rig.Graph.RequestsTo(FakeEndpoint.SendActivityNotification).Count);
        Assert.Equal((0, 7), (stopped.Result.Sent, stopped.Result.Outstanding));
        Assert.Contains("503", stopped.Message, StringComparison.Ordinal);
        Assert.Equal(DigestRunOutcome.Posted, stopped.Result.Digest);

        _rig.Graph.Recover();
        var caughtUp = await _rig.PromptAsync();

        Assert.Equal((7, 0, DigestRunOutcome.AlreadyPosted), (caughtUp.Sent, caughtUp.Outstanding, caughtUp.Digest));
        Assert.Equal(4 + 7, _rig.Graph.RequestsTo(FakeEndpoint.SendActivityNotification).Count);
        AssertSameNotifications(OverdueOnFirstOfOctober, Notified().Distinct());
    }

    [Fact]
    public async Task AWebhookOutageLeavesTheDigestToTheNextRunWhichPostsItOnceAndPromptsNobodyAgain()
    {
        _rig.Graph.ServiceUnavailableStorm(FakeEndpoint.Webhook);

        var stopped = await Assert.ThrowsAsync<PromptRunStoppedException>(() => _rig.PromptAsync());

        Assert.Equal((7, DigestRunOutcome.Failed), (stopped.Result.Sent, stopped.Result.Digest));
        _rig.Graph.Recover();
        var next = await _rig.PromptAsync();

        Assert.Equal((0, 7, DigestRunOutcome.Posted), (next.Sent, next.AlreadySentThisWeek, next.Digest));
        Assert.Equal(7, _rig.Graph.RequestsTo(FakeEndpoint.SendActivityNotification).Count);
    }

    [Fact]
    public async Task A401StopsTheRunWithAClearMessageAndSendsNothing()
    {
        _rig.Graph.RefuseEveryToken();

        var stopped = await Assert.ThrowsAsync<PromptRunStoppedException>(() => _rig.PromptAsync());

        Assert.Contains("401", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("credentials", stopped.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(_rig.Graph.Requests, r => r.Endpoint != FakeEndpoint.Webhook);
        Assert.Empty(_rig.Graph.RequestsTo(FakeEndpoint.SendActivityNotification));
        Assert.Empty(_rig.Graph.RequestsTo(FakeEndpoint.Webhook));
        Assert.Equal(DigestRunOutcome.NotAttempted, stopped.Result.Digest);
    }

    [Fact]
    public async Task A404ForOneOwnerIsReportedWhileTheOthersAreNotified()
    {
        _rig.Graph.UserDoesNotExist(HeadOfInclusion);

        var result = await _rig.PromptAsync();

        var unreached = Assert.Single(result.Unreached);
        Assert.Equal(("3.2", "head.inclusion@rotherham.example", 404, "Request_ResourceNotFound"), (unreached.ActionKey, unreached.Upn, unreached.Status, unreached.ErrorCode));
        AssertSameNotifications(OverdueOnFirstOfOctober.Where(n => !n.EndsWith(HeadOfInclusion, StringComparison.Ordinal)), Notified());
        var report = await ReportAsync();
        Assert.Equal(404, report.RootElement.GetProperty("unreached")[0].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AnOwnerWithoutTheAppGetsItInstalledOnceAndOneWithItGetsNoInstall()
    {
        _rig.Graph.Preinstall(Finance);

        var result = await _rig.PromptAsync();

        Assert.Equal(3, result.AppsInstalled);
        var installs = _rig.Graph.RequestsTo(FakeEndpoint.InstallApp);
        Assert.Equal([TrailblazerLead, HeadOfInclusion, JointAd], installs.Select(r => r.UserId!).Order(StringComparer.Ordinal));
        Assert.Single(_rig.Graph.RequestsTo(FakeEndpoint.ListInstalledApps), r => r.UserId == JointAd);
        Assert.True(_rig.Graph.IsInstalled(JointAd));
    }

    [Fact]
    public async Task TheBoardDigestForTheSeedPlanIsAnAdaptiveCard14UnderTheLimitWithOnlyOpenUrlActions()
    {
        await _rig.PromptAsync();

        var posted = Assert.Single(_rig.Graph.RequestsTo(FakeEndpoint.Webhook));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(posted.Body) < FakeGraphServer.WebhookLimitBytes);
        var card = posted.Json!["attachments"]![0]!["content"]!.AsObject();
        Assert.Empty(AdaptiveCard14Validator.Problems(card));
        Assert.Equal("1.4", card["version"]!.GetValue<string>());
        var texts = JsonNodes(card).Where(n => n["text"] is JsonValue).Select(n => n["text"]!.GetValue<string>()).ToList();
        Assert.Contains("Escalated: overdue more than 28 days (2)", texts);
        Assert.Contains("Overdue (4)", texts);
        Assert.Contains("Due in the next 14 days (0)", texts);
        Assert.Equal(
            ["1.6", "2.4", "3.1", "3.2", "3.3-2", "3.4"],
            texts.Where(t => t.Contains(" · ", StringComparison.Ordinal) && char.IsDigit(t[0]) && !t.StartsWith("Due", StringComparison.Ordinal))
                .Select(t => t.Split(" · ")[0]).Where(k => k.Contains('.', StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(
            JsonNodes(card).Where(n => n["type"] is not null && n["type"]!.GetValue<string>().StartsWith("Action.", StringComparison.Ordinal)),
            a => Assert.Equal("Action.OpenUrl", a["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheDigestLinksTheLatestBoardPackInSharePointAndNoneBeforeThereIsOne()
    {
        await _rig.PromptAsync();
        var archive = _rig.Hub.Services.GetRequiredService<BoardPackArchive>();
        const string pdf = "https://council.sharepoint.com/sites/board/Shared%20Documents/Board%20packs/2019-10/board-pack.pdf";
        await archive.RecordLatestAsync(new LatestBoardPack("2019-10", FirstOfOctober, InSharePoint: true, [new("board-pack.pdf", pdf, 120_000), new("board-pack.html", pdf.Replace(".pdf", ".html", StringComparison.Ordinal), 60_000)]), CancellationToken.None);
        _rig.Clock.Advance(TimeSpan.FromDays(6)); // Monday 7 October 2019: the next week's digest.
        await _rig.PromptAsync();

        var cards = _rig.Graph.RequestsTo(FakeEndpoint.Webhook).Select(r => r.Json!["attachments"]![0]!["content"]!["actions"]!.AsArray()).ToList();
        Assert.Equal(2, cards.Count);
        Assert.Equal(["Open the action tracker"], cards[0].Select(a => a!["title"]!.GetValue<string>()));
        Assert.Equal(["Open the action tracker", "Open the board pack (October 2019)"], cards[1].Select(a => a!["title"]!.GetValue<string>()));
        Assert.Equal(pdf, cards[1][1]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task APackKeptOnlyInTheOutboxIsNotLinkedFromTheDigest()
    {
        var archive = _rig.Hub.Services.GetRequiredService<BoardPackArchive>();
        await archive.RecordLatestAsync(new LatestBoardPack("2019-10", FirstOfOctober, InSharePoint: false, [new("board-pack.pdf", "reports/board-pack/2019-10/board-pack.pdf", 120_000)]), CancellationToken.None);

        await _rig.PromptAsync();

        var card = Assert.Single(_rig.Graph.RequestsTo(FakeEndpoint.Webhook)).Json!["attachments"]![0]!["content"]!;
        Assert.Equal(["Open the action tracker"], card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task InOutboxModeEveryWouldBeRequestIsRecordedAndNothingClaimsDelivery()
    {
        await using var rig = await PromptRig.StartAsync(FirstOfOctober, mode: "Outbox");

        var result = await rig.PromptAsync();

        Assert.Equal((0, 7, DigestRunOutcome.Outboxed), (result.Sent, result.Outboxed, result.Digest));
        Assert.Empty(rig.Graph.Requests);
        var outbox = rig.Hub.Services.GetRequiredService<OutboxStore>();
        var notifications = await outbox.ListAsync(OutboxChannels.TeamsActivity, CancellationToken.None);
        Assert.Equal(
            ["2.4", "3.1", "3.2", "3.3-2", "3.3-2", "3.4", "3.4"],
            notifications.Select(n => n.ActionKey!).Order(StringComparer.Ordinal));
        Assert.All(notifications, n => Assert.Equal("overdue", n.Kind));
        Assert.Single(await outbox.ListAsync(OutboxChannels.BoardDigest, CancellationToken.None));
    }

    private async Task<JsonDocument> ReportAsync()
    {
        var blob = Assert.Single(await _rig.Storage.ListAsync(HubStorageNames.Containers.Reports, "prompts/2019-W40/").ToListAsync());
        using var download = await _rig.Storage.OpenReadAsync(HubStorageNames.Containers.Reports, blob.Name);
        return await JsonDocument.ParseAsync(download);
    }

    private static IEnumerable<JsonObject> JsonNodes(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.Select(p => p.Value).SelectMany(JsonNodes)],
        JsonArray a => a.SelectMany(JsonNodes),
        _ => [],
    };
}
