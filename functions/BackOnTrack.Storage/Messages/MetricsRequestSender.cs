using Azure.Storage.Queues;
using BackOnTrack.Core.Messages;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Messages;

/// <summary>
/// <see cref="IMetricsRequests"/> over queue <c>metrics-requests</c>: one message per school-year, sent base64 as the
/// Functions host's queue trigger reads it (the client's encoding, <see cref="StorageSdkClients.Queues(StorageAccess, StorageClientOptions?, Azure.Core.Pipeline.HttpPipelineTransport?)"/>).
/// </summary>
public sealed class MetricsRequestSender : IMetricsRequests
{
    private readonly QueueClient _queue;

    /// <param name="queue">The metrics-requests queue's client.</param>
    public MetricsRequestSender(QueueClient queue) => _queue = queue ?? throw new ArgumentNullException(nameof(queue));

    /// <summary>The queue of the account (how the hub's container builds it).</summary>
    public MetricsRequestSender(QueueServiceClient queues)
        : this((queues ?? throw new ArgumentNullException(nameof(queues))).GetQueueClient(HubStorageNames.Queues.MetricsRequests))
    {
    }

    public async Task<int> RequestAsync(IEnumerable<string> schoolYears, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schoolYears);
        var sent = 0;
        foreach (var schoolYear in schoolYears.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await _queue.SendMessageAsync(MetricsRequest.FromSchoolYear(schoolYear).Serialize(), cancellationToken).ConfigureAwait(false);
            sent++;
        }

        return sent;
    }
}
