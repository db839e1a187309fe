using BackOnTrack.Storage.Messages;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Tabular;
using BackOnTrack.Core.Tracker;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Operations;
using BackOnTrack.Application.Tracker;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.M365;
using BackOnTrack.M365.Graph;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.UnitTests.M365;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.IntegrationTests.Tracker;

/// <summary>
/// The seed action plan and figures pushed to a fake SharePoint on 127.0.0.1 that keeps its lists, with the hub's
/// state on Azurite and the fake clock driving every retry wait: §Microsoft 365 of docs/architecture.md acceptance.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class SyncTrackerAgainstFakeSharePoint(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeClock _clock = new(new DateTimeOffset(2019, 10, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly string _planId = AzuriteFixture.UniqueName("semh-plan-");
    private FakeSharePointServer _sharePoint = null!;
    private string _trackerId = null!;
    private string _figuresId = null!;
    private ActionPlanStore _plans = null!;
    private TrackerSyncs _sync = null!;
    private PullTrackerEditsUseCase _pull = null!;

    public async Task InitializeAsync()
    {
        foreach (var table in HubStorageNames.Tables.All)
        {
            await azurite.Tables().CreateTableIfNotExistsAsync(table);
        }

        foreach (var queue in HubStorageNames.Queues.All)
        {
            await azurite.Storage.QueueService.GetQueueClient(queue).CreateIfNotExistsAsync();
        }

        _sharePoint = await FakeSharePointServer.StartAsync(_clock.GetUtcNow);
        _trackerId = _sharePoint.AddList(TrackerLists.Actions.DisplayName, TrackerLists.ActionId, TrackerLists.Actions.Columns.Select(c => (c.Name, c.DisplayName, c.Choices)));
        _figuresId = _sharePoint.AddList(TrackerLists.Figures.DisplayName, TrackerLists.FigureId, TrackerLists.Figures.Columns.Select(c => (c.Name, c.DisplayName, c.Choices)));
        var options = new M365Options
        {
            Mode = M365Mode.Graph,
            GraphBaseUrl = _sharePoint.GraphBaseUrl,
            SiteId = FakeSharePointServer.SiteId,
            TrackerListId = _trackerId,
            FiguresListId = _figuresId,
            MaxRetries = 3,
        };
        var tracker = new GraphSharePointTracker(HubClients.Graph(options, new StaticTokenCredential(), _clock), options, _clock, NullLogger<GraphSharePointTracker>.Instance);
        _plans = new ActionPlanStore(azurite.Storage.TableService);
        _sync = TrackerSyncComposition.Sync(azurite.Storage.TableService, tracker, _clock);
        _pull = new PullTrackerEditsUseCase(tracker, new TrackerItemStore(azurite.Storage.TableService), TrackerSyncComposition.Applier(azurite.Storage.TableService, _plans, _clock), new TrackerSyncRequestSender(azurite.Storage.QueueService), NullLogger<PullTrackerEditsUseCase>.Instance);
    }

    public async Task DisposeAsync() => await _sharePoint.DisposeAsync();

    private async Task<int> ImportSeedPlanAsync(Func<string, string>? edit = null)
    {
        var text = await File.ReadAllTextAsync(Fixtures.Path(Path.Combine("Plans", "semh-action-plan.csv")), System.Text.Encoding.Latin1);
        using var content = new MemoryStream(System.Text.Encoding.Latin1.GetBytes(edit?.Invoke(text) ?? text));
        var plan = ActionPlanReader.Read(TabularFile.Open(content, "semh-action-plan.csv").Rows, new OwnerResolver([]));
        var changes = PlanChanges.Compute(await _plans.ReadPlanAsync(_planId, default), plan.Actions);
        await _plans.ApplyAsync(_planId, changes, "plans/semh-action-plan.csv", _clock.GetUtcNow(), _clock.GetUtcNow(), default);
        return plan.Actions.Count;
    }

    private Task<TrackerSyncResult> SyncPlanAsync() => _clock.DriveAsync(_sync.Actions.SyncAsync(_planId, default));

    private Task<PullResult> PullAsync() => _clock.DriveAsync(_pull.PullAsync(default));

    private string ActionId(string key) => ActionRows.ActionId(_planId, key);

    [Fact]
    public async Task AFirstSyncCreatesEveryActionInBatchesOfTwenty()
    {
        var actions = await ImportSeedPlanAsync();

        var result = await SyncPlanAsync();

        Assert.Equal((actions, actions), (result.Items, result.Written));
        Assert.Equal(actions, _sharePoint.Items(_trackerId).Count);
        Assert.Equal((actions + 19) / 20, _sharePoint.BatchRequests);
        var first = _sharePoint.Item(_trackerId, ActionId("1.1"));
        Assert.Equal(("Complete", "Green"), (first["Status"]!.GetValue<string>(), first["RAG"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ASecondSyncWithNothingChangedWritesNothing()
    {
        await ImportSeedPlanAsync();
        await SyncPlanAsync();
        var (writes, batches) = (_sharePoint.Writes.Count, _sharePoint.BatchRequests);

        var result = await SyncPlanAsync();

        Assert.Equal(0, result.Written);
        Assert.Equal((writes, batches), (_sharePoint.Writes.Count, _sharePoint.BatchRequests));
    }

    [Fact]
    public async Task ChangingOneActionSendsOneUpdateOfItsChangedFields()
    {
        await ImportSeedPlanAsync();
        await SyncPlanAsync();
        var writes = _sharePoint.Writes.Count;
        await ImportSeedPlanAsync(text => text.Replace("1.5,Bid submission and evaluation,Complete,May 2019", "1.5,Bid submission and evaluation,Complete,June 2019", StringComparison.Ordinal));

        var result = await SyncPlanAsync();

        Assert.Equal(1, result.Written);
        var update = Assert.Single(_sharePoint.Writes.Skip(writes));
        Assert.Equal("PATCH", update.Method);
        Assert.StartsWith("2019-06-30", _sharePoint.Item(_trackerId, ActionId("1.5"))["DueDate"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AThrottledStepIsRetriedAfterItsRetryAfterAndLandsExactlyOnce()
    {
        var actions = await ImportSeedPlanAsync();
        _sharePoint.ThrottleBatchSteps(3, retryAfterSeconds: 7, applyAnyway: true);
        var waits = new List<TimeSpan>();

        var result = await _clock.DriveAsync(_sync.Actions.SyncAsync(_planId, default), waits);

        Assert.Equal(actions, result.Written);
        Assert.Contains(TimeSpan.FromSeconds(7), waits);
        var items = _sharePoint.Items(_trackerId);
        Assert.Equal(actions, items.Count);
        Assert.Equal(actions, items.Select(i => i["ActionId"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(0, (await SyncPlanAsync()).Written);
    }

    [Fact]
    public async Task AnOwnersStatusEditComesBackOnceWithItsAuditRow()
    {
        await ImportSeedPlanAsync();
        await SyncPlanAsync();
        await PullAsync();
        _clock.Advance(TimeSpan.FromHours(2));
        _sharePoint.PersonEdits(_trackerId, ActionId("2.2"), new Dictionary<string, string?> { ["Status"] = "Complete", ["LastNote"] = "Pathway agreed at the October board" }, "jo.owner@council.gov.uk");

        var first = await PullAsync();
        var second = await PullAsync();

        Assert.Equal((2, 0), (first.Applied, first.Rejected));
        Assert.Equal(0, second.Applied);
        var action = (await _plans.ReadActionAsync(_planId, "2.2", default))!.Action;
        Assert.Equal((ActionStatus.Complete, "Pathway agreed at the October board"), (action.Status, action.LastNote));
        var events = await TableSnapshots.EntitiesAsync(azurite.Tables(), HubStorageNames.Tables.ActionEvents, TableKey.Encode($"{_planId}_2.2"));
        var audit = Assert.Single(events, e => e.GetString("Source") == "tracker" && e.GetString("Field") == "Status");
        Assert.Equal(("jo.owner@council.gov.uk", "Complete"), (audit.GetString("By"), audit.GetString("To")));

        // The sync that follows pushes the new RAG, and the hub does not read its own write back as an edit.
        var writes = _sharePoint.Writes.Count;
        Assert.Equal(1, (await SyncPlanAsync()).Written);
        Assert.Equal(writes + 1, _sharePoint.Writes.Count);
        Assert.Equal(0, (await PullAsync()).Applied);
    }

    [Fact]
    public async Task AnInvalidStatusEditIsNotAppliedAndIsListedForTheDigest()
    {
        await ImportSeedPlanAsync();
        await SyncPlanAsync();
        var before = (await _plans.ReadActionAsync(_planId, "2.2", default))!.Action.Status;
        _clock.Advance(TimeSpan.FromHours(1));
        var editedAt = _clock.GetUtcNow();
        _sharePoint.PersonEdits(_trackerId, ActionId("2.2"), new Dictionary<string, string?> { ["Status"] = "Nearly there" }, "sam.lead@council.gov.uk");

        var pulled = await PullAsync();

        Assert.Equal((0, 1), (pulled.Applied, pulled.Rejected));
        Assert.Equal(before, (await _plans.ReadActionAsync(_planId, "2.2", default))!.Action.Status);
        var rejected = Assert.Single(await new RejectedTrackerEditStore(azurite.Storage.TableService).ListSinceAsync(editedAt, default), r => r.PlanId == _planId);
        Assert.Equal(("2.2", "Status", "Nearly there", "sam.lead@council.gov.uk"), (rejected.ActionKey, rejected.Field, rejected.Value, rejected.EditedBy));
        // The next push puts the action's own status back in the tracker.
        await SyncPlanAsync();
        Assert.Equal(TrackerStatus.Display(before), _sharePoint.Item(_trackerId, ActionId("2.2"))["Status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnOwnersEditMetByAConditionalUpdateWinsAndTheHubsChangeStillLands()
    {
        await ImportSeedPlanAsync();
        await SyncPlanAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        _sharePoint.PersonEdits(_trackerId, ActionId("1.5"), new Dictionary<string, string?> { ["LastNote"] = "Evaluation panel met" }, "jo.owner@council.gov.uk");
        await ImportSeedPlanAsync(text => text.Replace("1.5,Bid submission and evaluation,Complete,May 2019", "1.5,Bid submission and evaluation,Complete,June 2019", StringComparison.Ordinal));

        var result = await SyncPlanAsync();

        Assert.Equal(1, result.EditsApplied);
        Assert.Contains(_sharePoint.Calls, c => c.Status == 412);
        var item = _sharePoint.Item(_trackerId, ActionId("1.5"));
        Assert.Equal("Evaluation panel met", item["LastNote"]!.GetValue<string>());
        Assert.StartsWith("2019-06-30", item["DueDate"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Evaluation panel met", (await _plans.ReadActionAsync(_planId, "1.5", default))!.Action.LastNote);
    }

    [Fact]
    public async Task AnExpiredDeltaLinkStartsAFreshEnumerationThatAppliesNothingTwice()
    {
        await ImportSeedPlanAsync();
        await SyncPlanAsync();
        await PullAsync();
        _sharePoint.ExpireDeltaLinks();

        var pulled = await PullAsync();

        Assert.True(pulled.Restarted);
        Assert.Contains(_sharePoint.Calls, c => c.Status == 410);
        Assert.Equal((0, 0), (pulled.Applied, pulled.Rejected));
    }

    [Fact]
    public async Task FiguresOfOneOrTwoNeverReachSharePoint()
    {
        var school = AzuriteFixture.UniqueSchool();
        var metrics = new MetricsStore(azurite.Storage.TableService);
        var version = await metrics.ReadVersionAsync(school, "2018-19", default);
        await metrics.ReplaceAsync(version,
        [
            new MetricRow("YEAR", "All", new MetricValues { Headcount = 412, PermExcl = 2, Susp = 37, OnePlusSusp = 1, Enrolments = 420, PersistentAbsentees = 61 }),
            new MetricRow("YEAR", "Phase-Secondary", new MetricValues { Headcount = 412, PermExcl = 2 }),
        ], _clock.GetUtcNow(), default);

        var result = await _clock.DriveAsync(_sync.Figures.SyncAsync(school, AcademicYear.Parse("2018-19"), default));

        Assert.Equal(1, result.Written); // a school's All rows only
        var row = _sharePoint.Item(_figuresId, $"{school}_2018-19_YEAR_All");
        Assert.Equal(("x", "x", "x", "x", "37"), (row["PermExcl"]!.GetValue<string>(), row["PermExclRate"]!.GetValue<string>(), row["OnePlusSusp"]!.GetValue<string>(), row["OnePlusSuspRate"]!.GetValue<string>(), row["Susp"]!.GetValue<string>()));
        Assert.Equal("8.98", row["SuspRate"]!.GetValue<string>());
        Assert.DoesNotContain(row, f => f.Value?.ToString() is "1" or "2");
    }

    [Fact]
    public async Task EarlyWarningCountsReachTheFiguresListByReasonAndBandWithOneOrTwoAsXForTheSchoolAndTheLa()
    {
        // A year no other test's flags fall in, so the LA's counts are this school's alone.
        var year = AcademicYear.StartingIn(2100 + Random.Shared.Next(0, 60));
        var asOf = new DateOnly(year.StartYear, 12, 1);
        var school = Laestab.Parse(AzuriteFixture.UniqueSchool());
        EarlyWarningFlag Flag(string ncYear, EarlyWarningStatus status, params EarlyWarningReason[] reasons) => new(
            $"pk{Guid.NewGuid():N}", status != EarlyWarningStatus.Cleared, [.. reasons.Select(r => new ReasonEvidence(r, Count: 3))], ncYear, "",
            status, _clock.GetUtcNow(), _clock.GetUtcNow(), asOf);
        EarlyWarningFlag[] flags =
        [
            .. Enumerable.Range(0, 4).Select(_ => Flag("10", EarlyWarningStatus.Continuing, EarlyWarningReason.RepeatSuspensions, EarlyWarningReason.PersistentAbsence)),
            Flag("8", EarlyWarningStatus.New, EarlyWarningReason.LunchtimeExclusions, EarlyWarningReason.PersistentAbsence),
            Flag("11", EarlyWarningStatus.Cleared, EarlyWarningReason.RepeatSuspensions),
        ];
        await new EarlyWarningStore(azurite.Storage.TableService).WriteAsync(school, [.. flags.Select(f => new EarlyWarningWrite(f.PupilKey, f, null))], default);

        var bySchool = await _clock.DriveAsync(_sync.Figures.SyncAsync(school.Value, year, default));
        await _clock.DriveAsync(_sync.Figures.SyncAsync(DropLocation.LaScope, year, default));
        var again = await _clock.DriveAsync(_sync.Figures.SyncAsync(school.Value, year, default));

        var items = EarlyWarningFigureRows.Breakdowns.Count;
        Assert.Equal((items, items), (bySchool.Written, bySchool.Items));
        Assert.Equal(0, again.Written);
        foreach (var scope in new[] { school.Value, DropLocation.LaScope })
        {
            string? Flagged(string breakdown) => _sharePoint.Item(_figuresId, $"{scope}_{year}_EarlyWarning_{breakdown}")[EarlyWarningFigureRows.Flagged]?.GetValue<string>();
            Assert.Equal(("5", "4", "x", "5", "4", "x", "0"), (Flagged("All"), Flagged("Reason-RepeatSuspensions"), Flagged("Reason-LunchtimeExclusions"), Flagged("Reason-PersistentAbsence"), Flagged("NcBand-Y10-Y11"), Flagged("NcBand-Y7-Y9"), Flagged("NcBand-N1-Y6")));
            Assert.Equal("x", _sharePoint.Item(_figuresId, $"{scope}_{year}_EarlyWarning_All")[EarlyWarningFigureRows.New]?.GetValue<string>());
        }
    }
}
