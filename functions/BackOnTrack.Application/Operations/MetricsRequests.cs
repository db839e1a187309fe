using BackOnTrack.Core.Messages;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Queues;

namespace BackOnTrack.Application.Operations;

/// <summary>Asks RecomputeMetrics for school-years, as ingest does: one <c>metrics-requests</c> message per "scope|yyyy-yy".</summary>
internal static class MetricsRequests
{
    public static async Task<int> SendAsync(QueueServiceClient queues, IEnumerable<string> schoolYears, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var schoolYear in schoolYears.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var message = MetricsRequest.FromSchoolYear(schoolYear).Serialize();
            await queues.SendMessageAsync(HubStorageNames.Queues.MetricsRequests, message, cancellationToken: cancellationToken).ConfigureAwait(false);
            sent++;
        }

        return sent;
    }
}
