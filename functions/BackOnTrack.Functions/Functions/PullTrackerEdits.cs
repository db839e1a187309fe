using BackOnTrack.Functions.Invocations;
using BackOnTrack.Application.Tracker;

namespace BackOnTrack.Functions.Functions;

/// <summary>Timer (every 15 minutes): read owners' edits back from the SharePoint tracker (list-item delta).</summary>
internal sealed class PullTrackerEdits(PullTrackerEditsUseCase pull) : IInvokedFunction
{
    public string Name => nameof(PullTrackerEdits);

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        request.ReadTimer("timer");
        var result = await pull.PullAsync(cancellationToken).ConfigureAwait(false);
        return InvocationResponse.WithLogs(result.Read
            ? $"Tracker edits: {result.ItemsChanged} changed item(s), {result.Applied} applied, {result.Rejected} refused{(result.Restarted ? " (delta link expired: read afresh)" : "")}."
            : "Outbox mode: no SharePoint tracker to read edits from.");
    }
}
