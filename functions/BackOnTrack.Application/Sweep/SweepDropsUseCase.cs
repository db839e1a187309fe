using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Storage;
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
    IUploadedFiles uploads,
    IQuarantine quarantine,
    IDropEvents dropEvents,
    IBlobReceipts receipts,
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
            await foreach (var file in uploads.ListAsync(container, cancellationToken).ConfigureAwait(false))
            {
                seen++;
                var receipt = handled.GetValueOrDefault(file.Name);
                if (receipt is null || receipt.BlobETag != file.ETag)
                {
                    var message = DropEvents.Create(container, file.Name, file.ETag, uploads.UriOf(container, file.Name), now);
                    await dropEvents.EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
                    enqueued++;
                }
                else if (receipt.IsFinal && file.LastModified < rawCutoff
                         && await uploads.DeleteIfExistsAsync(container, file.Name, cancellationToken).ConfigureAwait(false))
                {
                    rawDeleted++;
                }
            }
        }

        var quarantineDeleted = await quarantine.DeleteOlderThanAsync(now.AddDays(-options.Value.QuarantineRetentionDays), cancellationToken).ConfigureAwait(false);
        LogSwept(logger, seen, enqueued, rawDeleted, quarantineDeleted);
        var pupilRows = await retention.ApplyAsync(cancellationToken).ConfigureAwait(false);
        return new SweepResult(seen, enqueued, rawDeleted, quarantineDeleted) { Retention = pupilRows };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep saw {Blobs} blobs, enqueued {Enqueued} unhandled, deleted {RawDeleted} raw files and {QuarantineDeleted} quarantine files past retention")]
    private static partial void LogSwept(ILogger logger, int blobs, int enqueued, int rawDeleted, int quarantineDeleted);
}
