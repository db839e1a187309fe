using Azure.Storage.Queues;
using BackOnTrack.Core.Messages;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Messages;

/// <summary><see cref="ITrackerSyncRequests"/> over queue <c>tracker-sync</c>.</summary>
public sealed class TrackerSyncRequestSender(QueueClient queue) : ITrackerSyncRequests
{
    public TrackerSyncRequestSender(QueueServiceClient queues)
        : this((queues ?? throw new ArgumentNullException(nameof(queues))).GetQueueClient(HubStorageNames.Queues.TrackerSync))
    {
    }

    public async Task RequestAsync(TrackerSyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await queue.SendMessageAsync(request.Serialize(), cancellationToken).ConfigureAwait(false);
    }
}
