using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Plans;
using BackOnTrack.Application.Tracker;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Tracker;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.Tests.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using BackOnTrack.UnitTests.Support;
using Moq;

namespace BackOnTrack.UnitTests.Application.Tracker;

/// <summary>Owners' edits read back from a tracker item into the plan and rejected-edit tables held in memory.</summary>
public sealed class TrackerEditApplierThroughItsPorts
{
    private const string PlanId = "semh-action-plan";
    private static readonly DateTimeOffset UploadedAt = new(2025, 9, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PushedAt = new(2025, 9, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EditedAt = new(2025, 9, 3, 10, 30, 0, TimeSpan.Zero);

    private readonly InMemoryActionPlans _plans = new();
    private readonly InMemoryRejectedTrackerEdits _rejected = new();
    private readonly FakeClock _clock = new(new DateTimeOffset(2025, 9, 4, 7, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnOwnersNewStatusIsAppliedToTheActionWithATrackerAuditRow()
    {
        var (state, action) = await PushedActionAsync(a => a.Status != ActionStatus.Complete);

        var readBack = await Applier().ReadBackAsync(state, Edited(state, TrackerStatus.Complete), CancellationToken.None);

        Assert.Equal((1, 0, true), (readBack.Applied, readBack.Rejected, readBack.NeedsPush));
        Assert.Equal(ActionStatus.Complete, (await _plans.ReadActionAsync(PlanId, action.ActionKey, CancellationToken.None))!.Action.Status);
        var audit = Assert.Single(_plans.Events, e => e.Source == "tracker");
        Assert.Equal((action.ActionKey, ActionField.Status, "head@school.example", EditedAt), (audit.ActionKey, audit.Field, audit.By, audit.At));
        Assert.Equal(TrackerStatus.Complete, readBack.State.Fields![TrackerLists.Status]);
        Assert.Empty(_rejected.Edits);
    }

    [Fact]
    public async Task TheHubsOwnWriteReadBackChangesNothing()
    {
        var (state, action) = await PushedActionAsync(a => a.Status != ActionStatus.Complete);
        var ownWrite = Edited(state, TrackerStatus.Complete) with { ETag = state.ETag };

        var readBack = await Applier().ReadBackAsync(state, ownWrite, CancellationToken.None);

        Assert.Equal((state, 0, 0), (readBack.State, readBack.Applied, readBack.Rejected));
        Assert.Equal(action.Status, (await _plans.ReadActionAsync(PlanId, action.ActionKey, CancellationToken.None))!.Action.Status);
        Assert.DoesNotContain(_plans.Events, e => e.Source == "tracker");
    }

    [Fact]
    public async Task AStatusThatIsNoneOfTheThreeIsRecordedForTheDigestAndTheActionKeepsItsOwn()
    {
        var (state, action) = await PushedActionAsync(_ => true);

        var readBack = await Applier().ReadBackAsync(state, Edited(state, "Nearly there"), CancellationToken.None);

        Assert.Equal((0, 1, true), (readBack.Applied, readBack.Rejected, readBack.NeedsPush));
        var refused = Assert.Single(_rejected.Edits);
        Assert.Equal((PlanId, action.ActionKey, nameof(EditableField.Status), "Nearly there", EditedAt), (refused.PlanId, refused.ActionKey, refused.Field, refused.Value, refused.EditedAt));
        Assert.Equal(action.Status, (await _plans.ReadActionAsync(PlanId, action.ActionKey, CancellationToken.None))!.Action.Status);
        Assert.DoesNotContain(_plans.Events, e => e.Source == "tracker");
    }

    private TrackerEditApplier Applier() => new(_plans, _rejected, _clock);

    /// <summary>The plan imported, and one of its actions as the hub last pushed it to the tracker.</summary>
    private async Task<(TrackerItemState State, StoredAction Action)> PushedActionAsync(Func<StoredAction, bool> which)
    {
        var tracker = new Mock<ITrackerSyncRequests>();
        var import = new ImportPlanUseCase(tracker.Object, _plans, Options.Create(new IngestOptions()), NullLogger<ImportPlanUseCase>.Instance);
        foreach (var fileName in new[] { "semh-owners.csv", "semh-action-plan.csv" })
        {
            await using var content = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Core", "Plans", "Fixtures", fileName));
            var stored = await import.StoreRowsAsync(content, import.Place(fileName), "drop-" + fileName, UploadedAt, CancellationToken.None);
            await import.AfterStoredAsync(stored, null, CancellationToken.None);
        }

        var action = (await _plans.ReadPlanAsync(PlanId, CancellationToken.None)).First(which);
        var written = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [TrackerLists.Status] = TrackerStatus.Display(action.Status),
            [TrackerLists.LastNote] = action.LastNote,
        };
        var state = new TrackerItemState(TrackerLists.Actions.Kind, action.ActionKey, PlanId, action.ActionKey, "17", "\"etag-1\"", written, TrackerRow.Fingerprint(written), PushedAt);
        return (state, action);
    }

    private static ListItemState Edited(TrackerItemState state, string status)
    {
        var fields = new Dictionary<string, string?>(state.Fields!, StringComparer.Ordinal) { [TrackerLists.Status] = status };
        return new ListItemState(state.ItemId!, "\"etag-2\"", fields, EditedAt, "head@school.example");
    }
}
