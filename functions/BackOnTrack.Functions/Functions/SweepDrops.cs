using BackOnTrack.Functions.Invocations;
using BackOnTrack.Application.Sweep;

namespace BackOnTrack.Functions.Functions;

/// <summary>Timer (every 15 minutes): enqueue blobs the events missed; enforce raw-file retention.</summary>
internal sealed class SweepDrops(SweepDropsUseCase sweep) : IInvokedFunction
{
    public string Name => nameof(SweepDrops);

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        request.ReadTimer("timer");
        var result = await sweep.SweepAsync(cancellationToken).ConfigureAwait(false);
        return InvocationResponse.WithLogs(
            $"Swept {result.BlobsSeen} blobs: {result.Enqueued} enqueued, {result.RawDeleted} raw and {result.QuarantineDeleted} quarantine files deleted past retention.");
    }
}
