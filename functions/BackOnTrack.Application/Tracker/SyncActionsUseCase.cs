using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Tracker;

namespace BackOnTrack.Application.Tracker;

/// <summary>A plan's actions to the tracker list (<c>{"planId":…}</c> on <c>tracker-sync</c>), actions removed from the plan left out.</summary>
public sealed partial class SyncActionsUseCase(IActionPlans plans, TrackerPusher pusher, TimeProvider clock, ILogger<SyncActionsUseCase> logger)
{
    public async Task<TrackerSyncResult> SyncAsync(string planId, CancellationToken cancellationToken)
    {
        var today = UkCalendar.Today(clock.GetUtcNow());
        var rows = (await plans.ReadPlanWithTimesAsync(planId, cancellationToken).ConfigureAwait(false))
            .Where(a => !a.Action.RemovedFromPlan)
            .Select(a => new WantedItem(ActionRows.For(planId, a.Action, a.UpdatedAt, today), planId, a.Action.ActionKey))
            .ToList();
        var result = await pusher.PushAsync(TrackerLists.Actions, rows, ActionRows.ActionId(planId, ""), cancellationToken).ConfigureAwait(false);
        LogSynced(logger, planId, result.Items, result.Written, result.Unchanged);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracker sync of the tracker list for {PlanId}: {Items} item(s), {Written} written, {Unchanged} unchanged")]
    private static partial void LogSynced(ILogger logger, string planId, int items, int written, int unchanged);
}
