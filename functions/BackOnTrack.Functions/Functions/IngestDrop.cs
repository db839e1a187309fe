using BackOnTrack.Application.Ingest;
using BackOnTrack.Storage;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>Queue <c>drop-events</c>: one uploaded file, named by the BlobCreated event Event Grid (or SweepDrops) sent.</summary>
internal sealed partial class IngestDrop(IngestDropUseCase ingest, ILogger<IngestDrop> logger)
{
    [Function(nameof(IngestDrop))]
    public async Task RunAsync([QueueTrigger(HubStorageNames.Queues.DropEvents)] string message, CancellationToken cancellationToken)
    {
        // A malformed event throws: the host retries it and, after maxDequeueCount, moves it to drop-events-poison.
        var outcome = await ingest.IngestAsync(DropEvents.Parse(message), cancellationToken).ConfigureAwait(false);
        LogIngested(logger, outcome.Summary);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Outcome}")]
    private static partial void LogIngested(ILogger logger, string outcome);
}
