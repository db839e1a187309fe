using System.Text.Json.Serialization;
using Azure;
using BackOnTrack.Storage;

namespace BackOnTrack.Application;

/// <summary>The hub's health: whether each storage service answers, and how deep the trigger and poison queues are.</summary>
public sealed record HealthReport(string Status, DateTimeOffset CheckedAt, StorageHealth Storage, IReadOnlyList<QueueHealth> Queues)
{
    [JsonIgnore]
    public bool Healthy => Storage.Reachable;
}

public sealed record StorageHealth(bool Reachable, string Account, string? Error);

public sealed record QueueHealth(string Name, int Depth, int Poison);

public sealed class HubHealth(StorageAccount account, StorageProvisioning provisioning, TimeProvider timeProvider)
{
    /// <summary>Storage slower than this counts as unreachable: a health probe must answer promptly.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        try
        {
            await provisioning.Ready.WaitAsync(timeout.Token).ConfigureAwait(false);
            var queues = await Task.WhenAll(HubStorageNames.Queues.Triggers.Select(async queue => new QueueHealth(
                queue,
                await account.Queues.GetApproximateMessageCountAsync(queue, timeout.Token).ConfigureAwait(false),
                await account.Queues.GetApproximateMessageCountAsync(HubStorageNames.Queues.PoisonOf(queue), timeout.Token).ConfigureAwait(false)))).ConfigureAwait(false);

            // Queue answers prove only the queue service; touch Blob and Table too.
            await account.Blobs.ListBlobsPageAsync(HubStorageNames.Containers.Drops, prefix: null, marker: null, pageSize: 1, timeout.Token).ConfigureAwait(false);
            await account.Tables.QueryPageAsync(HubStorageNames.Tables.DataDrops, filter: null, pageSize: 1, cancellationToken: timeout.Token).ConfigureAwait(false);

            var status = queues.Any(q => q.Poison > 0) ? "Degraded" : "Healthy";
            return new HealthReport(status, timeProvider.GetUtcNow(), new StorageHealth(true, account.AccountName, null), queues);
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or OperationCanceledException or IOException
                                   && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex switch
            {
                RequestFailedException failed => $"{failed.Status} {failed.ErrorCode}",
                OperationCanceledException => $"no answer within {Budget.TotalSeconds:0} s",
                _ => ex.GetType().Name + ": " + ex.Message,
            };
            return new HealthReport("Unhealthy", timeProvider.GetUtcNow(), new StorageHealth(false, account.AccountName, reason), []);
        }
    }
}
