using BackOnTrack.Application.Tracker;
using BackOnTrack.Core.Messages;
using BackOnTrack.Storage;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>Queue <c>tracker-sync</c>: a <see cref="TrackerSyncRequest"/> — a plan's actions, a scope-year's figures, or the current term's returns.</summary>
internal sealed partial class SyncTracker(SyncActionsUseCase actions, SyncFiguresUseCase figures, SyncReturnsUseCase returns, ILogger<SyncTracker> logger)
{
    [Function(nameof(SyncTracker))]
    public async Task RunAsync([QueueTrigger(HubStorageNames.Queues.TrackerSync)] string message, CancellationToken cancellationToken)
    {
        var (result, subject) = TrackerSyncRequest.Parse(message) switch
        {
            TrackerSyncRequest.Plan plan => (await actions.SyncAsync(plan.PlanId, cancellationToken).ConfigureAwait(false), plan.PlanId),
            TrackerSyncRequest.Figures f => (await figures.SyncAsync(f.Scope.Value, f.AcademicYear, cancellationToken).ConfigureAwait(false), $"figures {f.Scope} {f.AcademicYear}"),
            _ => (await returns.SyncAsync(cancellationToken).ConfigureAwait(false), "the current term's returns"),
        };
        LogSynced(logger, subject, result.Items, result.Written, result.Unchanged, result.EditsApplied);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracker sync of {Subject}: {Items} item(s), {Written} written, {Unchanged} unchanged, {EditsApplied} edit(s) applied")]
    private static partial void LogSynced(ILogger logger, string subject, int items, int written, int unchanged, int editsApplied);
}
