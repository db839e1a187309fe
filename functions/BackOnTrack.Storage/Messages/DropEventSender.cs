using Azure.Storage.Queues;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Messages;

/// <summary><see cref="IDropEvents"/> over queue <c>drop-events</c>.</summary>
public sealed class DropEventSender(QueueClient queue) : IDropEvents
{
    public DropEventSender(QueueServiceClient queues)
        : this((queues ?? throw new ArgumentNullException(nameof(queues))).GetQueueClient(HubStorageNames.Queues.DropEvents))
    {
    }

    public async Task EnqueueAsync(string eventJson, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(eventJson, cancellationToken).ConfigureAwait(false);
}
