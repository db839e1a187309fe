using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage;

/// <summary><see cref="IStorageProbe"/> over the hub's account, once its containers, queues and tables exist.</summary>
public sealed class StorageProbe(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables, StorageProvisioning provisioning) : IStorageProbe
{
    public async Task<StorageProbeResult> ProbeAsync(IReadOnlyList<string> triggerQueues, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(triggerQueues);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);
        try
        {
            await provisioning.Ready.WaitAsync(timeout.Token).ConfigureAwait(false);
            var depths = await Task.WhenAll(triggerQueues.Select(async queue => new QueueDepth(
                queue,
                await CountAsync(queue, timeout.Token).ConfigureAwait(false),
                await CountAsync(HubStorageNames.Queues.PoisonOf(queue), timeout.Token).ConfigureAwait(false)))).ConfigureAwait(false);

            // Queue answers prove only the queue service; touch Blob and Table too.
            await using (var page = blobs.GetBlobContainerClient(HubStorageNames.Containers.Drops).GetBlobsAsync(cancellationToken: timeout.Token).AsPages(pageSizeHint: 1).GetAsyncEnumerator(timeout.Token))
            {
                await page.MoveNextAsync().ConfigureAwait(false);
            }

            await using (var page = tables.GetTableClient(HubStorageNames.Tables.DataDrops).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token).AsPages().GetAsyncEnumerator(timeout.Token))
            {
                await page.MoveNextAsync().ConfigureAwait(false);
            }

            return new StorageProbeResult(true, blobs.AccountName, null, depths);
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or OperationCanceledException or IOException
                                   && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex switch
            {
                RequestFailedException failed => $"{failed.Status} {failed.ErrorCode}",
                OperationCanceledException => $"no answer within {budget.TotalSeconds:0} s",
                _ => ex.GetType().Name + ": " + ex.Message,
            };
            return new StorageProbeResult(false, blobs.AccountName, reason, []);
        }
    }

    private async Task<int> CountAsync(string queue, CancellationToken cancellationToken) =>
        (await queues.GetQueueClient(queue).GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
}
