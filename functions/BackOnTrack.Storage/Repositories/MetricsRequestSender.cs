using Azure.Storage.Queues;
using BackOnTrack.Core.Messages;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Queue <c>metrics-requests</c>: one message per school-year ("scope|yyyy-yy") whose metrics RecomputeMetrics should
/// work out again, sent base64 as the Functions host's queue trigger reads it.
/// </summary>
public sealed class MetricsRequestSender
{
    private readonly QueueClient _queue;

    /// <param name="queue">The metrics-requests queue's client.</param>
    public MetricsRequestSender(QueueClient queue) => _queue = queue ?? throw new ArgumentNullException(nameof(queue));

    /// <summary>The queue of the account (how the hub's container builds it).</summary>
    public MetricsRequestSender(QueueServiceClient queues)
        : this((queues ?? throw new ArgumentNullException(nameof(queues))).GetQueueClient(HubStorageNames.Queues.MetricsRequests))
    {
    }

    /// <summary>Asks for each school-year once, in order; returns how many messages were sent.</summary>
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
