using BackOnTrack.Core.Messages;
using BackOnTrack.Functions.Invocations;
using BackOnTrack.Application.Tracker;

namespace BackOnTrack.Functions.Functions;

/// <summary>Queue <c>tracker-sync</c>: a <see cref="TrackerSyncRequest"/> — a plan's actions, a scope-year's figures, or the current term's returns.</summary>
internal sealed class SyncTracker(SyncActionsUseCase actions, SyncFiguresUseCase figures, SyncReturnsUseCase returns) : IInvokedFunction
{
    public string Name => nameof(SyncTracker);

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var (result, subject) = TrackerSyncRequest.Parse(request.ReadQueueMessage("message")) switch
        {
            TrackerSyncRequest.Plan plan => (await actions.SyncAsync(plan.PlanId, cancellationToken).ConfigureAwait(false), plan.PlanId),
            TrackerSyncRequest.Figures f => (await figures.SyncAsync(f.Scope.Value, f.AcademicYear, cancellationToken).ConfigureAwait(false), $"figures {f.Scope} {f.AcademicYear}"),
            _ => (await returns.SyncAsync(cancellationToken).ConfigureAwait(false), "the current term's returns"),
        };
        return InvocationResponse.WithLogs(
            $"Tracker sync of {subject}: {result.Items} item(s), {result.Written} written, {result.Unchanged} unchanged, {result.EditsApplied} edit(s) applied.");
    }
}
