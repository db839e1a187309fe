using BackOnTrack.Core.Tracker;
using BackOnTrack.M365;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.UnitTests.M365;

/// <summary>
/// The per-step retry inside a Graph <c>$batch</c> (the batch answers 200, one of its steps 429, 503 or 401), on the
/// fake clock, with the same limits as the Graph client's HTTP retry.
/// </summary>
public sealed class BatchStepRetriesAgainstFakeSharePoint : IAsyncLifetime
{
    private readonly FakeClock _clock = new();
    private FakeSharePointServer _sharePoint = null!;
    private M365Options _options = null!;
    private GraphSharePointTracker _tracker = null!;
    private ColumnMap _columns = null!;

    public async Task InitializeAsync()
    {
        _sharePoint = await FakeSharePointServer.StartAsync(_clock.GetUtcNow);
        var listId = _sharePoint.AddList(TrackerLists.Actions.DisplayName, TrackerLists.ActionId, TrackerLists.Actions.Columns.Select(c => (c.Name, c.DisplayName, c.Choices)));
        _options = new M365Options
        {
            Mode = M365Mode.Graph,
            GraphBaseUrl = _sharePoint.GraphBaseUrl,
            SiteId = FakeSharePointServer.SiteId,
            TrackerListId = listId,
            MaxRetries = 3,
            RetryDelay = TimeSpan.FromSeconds(2),
            MaxRetryDelay = TimeSpan.FromMinutes(2),
        };
        _tracker = new GraphSharePointTracker(HubClients.Graph(_options, new StaticTokenCredential(), _clock), _options, _clock, NullLogger<GraphSharePointTracker>.Instance);
        _columns = ColumnMap.AsProvisioned(TrackerLists.Actions);
    }

    public async Task DisposeAsync() => await _sharePoint.DisposeAsync();

    private static ItemWrite NewAction(string actionId) => new(
        actionId,
        null,
        null,
        new Dictionary<string, string?> { [TrackerLists.ActionId] = actionId, [TrackerLists.Title] = "Train every SENCo in the graduated response", [TrackerLists.Status] = "In progress" },
        IsNew: true);

    private int StepWrites() => _sharePoint.Calls.Count(c => c is { InBatch: true, Method: "POST" });

    [Fact]
    public async Task AStepThrottledWithRetryAfterIsSentAgainOnceAfterExactlyThatWait()
    {
        _sharePoint.FailBatchSteps(1, 429, retryAfterSeconds: 7);
        var waits = new List<TimeSpan>();

        var results = await _clock.DriveAsync(_tracker.WriteAsync(_columns, [NewAction("plan-1.1")], default), waits);

        Assert.Equal(ItemWriteOutcome.Written, Assert.Single(results).Outcome);
        Assert.Equal([TimeSpan.FromSeconds(7)], waits);
        Assert.Equal(2, StepWrites());
        Assert.Single(_sharePoint.Items(_options.TrackerListId!));
    }

    [Fact]
    public async Task AStepIn503StormGivesUpAfterTheGraphRetryLimitAndIsReportedFailed()
    {
        _sharePoint.FailBatchSteps(int.MaxValue, 503);
        var waits = new List<TimeSpan>();

        var results = await _clock.DriveAsync(_tracker.WriteAsync(_columns, [NewAction("plan-1.1")], default), waits);

        var result = Assert.Single(results);
        Assert.Equal((ItemWriteOutcome.Failed, 503), (result.Outcome, result.Status));
        Assert.Equal(1 + _options.MaxRetries, StepWrites());
        Assert.Equal(_options.MaxRetries, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, _options.MaxRetryDelay));
        Assert.Empty(_sharePoint.Items(_options.TrackerListId!));
    }

    [Fact]
    public async Task AStepRefusedWith401IsNotSentAgain()
    {
        _sharePoint.FailBatchSteps(1, 401);

        var results = await _clock.DriveAsync(_tracker.WriteAsync(_columns, [NewAction("plan-1.1"), NewAction("plan-1.2")], default));

        Assert.Equal((1, 2), (_sharePoint.BatchRequests, StepWrites()));
        var refused = Assert.Single(results, r => r.Outcome == ItemWriteOutcome.Failed);
        Assert.Equal(401, refused.Status);
        Assert.Single(results, r => r.Outcome == ItemWriteOutcome.Written);
        Assert.Empty(_clock.PendingDelays);
    }
}
