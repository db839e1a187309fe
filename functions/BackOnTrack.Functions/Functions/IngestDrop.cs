using BackOnTrack.Core.Drops;
using BackOnTrack.Functions.Invocations;
using BackOnTrack.Application.Ingest;

namespace BackOnTrack.Functions.Functions;

/// <summary>Queue <c>drop-events</c>: one uploaded file, named by a BlobCreated event.</summary>
internal sealed class IngestDrop(IngestDropUseCase ingest) : IInvokedFunction
{
    public string Name => nameof(IngestDrop);

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        BlobCreatedEvent drop;
        try
        {
            drop = BlobCreatedEvent.Parse(request.ReadQueueMessage("message"));
        }
        catch (FormatException ex)
        {
            throw new InvalidInvocationException(ex.Message);
        }

        var outcome = await ingest.IngestAsync(drop, cancellationToken).ConfigureAwait(false);
        return InvocationResponse.WithLogs(outcome.Summary);
    }
}
