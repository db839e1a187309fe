using BackOnTrack.Core.Drops;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Sweep;

/// <summary>What one sweep did.</summary>
public sealed record SweepResult(int BlobsSeen, int Enqueued, int RawDeleted, int QuarantineDeleted)
{
    /// <summary>Pupil rows past <c>Retention__PupilDataYears</c> deleted from the tables.</summary>
    public RetentionResult? Retention { get; init; }
}

/// <summary>
/// The safety net under Event Grid: enqueues a BlobCreated-shaped message for every blob version in a container some
/// import reads (<see cref="IDropImport"/>) that has no final receipt (events can be lost), and deletes raw uploads and
/// quarantine copies past their retention. A raw file is deleted only once its current version has been handled.
/// Then pupil rows past their own retention go (<see cref="PupilDataRetention"/>).
/// </summary>
internal sealed partial class SweepDropsUseCase(
    StorageAccount account,
    BlobReceiptStore receipts,
    IEnumerable<IDropImport> imports,
    IOptions<IngestOptions> options,
    PupilDataRetention retention,
    TimeProvider clock,
    ILogger<SweepDropsUseCase> logger)
{
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rawCutoff = now.AddDays(-options.Value.RawRetentionDays);
        int seen = 0, enqueued = 0, rawDeleted = 0;
        foreach (var container in imports.Select(i => i.Container).Order(StringComparer.Ordinal))
        {
            var handled = await receipts.ListAsync(container, cancellationToken).ConfigureAwait(false);
            await foreach (var blob in account.Blobs.ListBlobsAsync(container, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                seen++;
                var etag = blob.Properties.ETag.ToString();
                var receipt = handled.GetValueOrDefault(blob.Name);
                if (receipt is null || receipt.BlobETag != etag)
                {
                    var message = DropEvents.Create(container, blob.Name, etag, account.Blobs.GetBlobUri(container, blob.Name), now);
                    await account.Queues.SendMessageAsync(HubStorageNames.Queues.DropEvents, message, cancellationToken: cancellationToken).ConfigureAwait(false);
                    enqueued++;
                }
                else if (receipt.IsFinal && blob.Properties.LastModified < rawCutoff
                         && await account.Blobs.DeleteIfExistsAsync(container, blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    rawDeleted++;
                }
            }
        }

        var quarantineDeleted = await DeleteOlderThanAsync(HubStorageNames.Containers.Quarantine, now.AddDays(-options.Value.QuarantineRetentionDays), cancellationToken).ConfigureAwait(false);
        LogSwept(logger, seen, enqueued, rawDeleted, quarantineDeleted);
        var pupilRows = await retention.ApplyAsync(cancellationToken).ConfigureAwait(false);
        return new SweepResult(seen, enqueued, rawDeleted, quarantineDeleted) { Retention = pupilRows };
    }

    private async Task<int> DeleteOlderThanAsync(string container, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var blob in account.Blobs.ListBlobsAsync(container, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (blob.Properties.LastModified < cutoff && await account.Blobs.DeleteIfExistsAsync(container, blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep saw {Blobs} blobs, enqueued {Enqueued} unhandled, deleted {RawDeleted} raw files and {QuarantineDeleted} quarantine files past retention")]
    private static partial void LogSwept(ILogger logger, int blobs, int enqueued, int rawDeleted, int quarantineDeleted);
}
