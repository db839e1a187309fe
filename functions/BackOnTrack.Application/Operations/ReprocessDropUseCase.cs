using BackOnTrack.Core.Operations;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Storage;

namespace BackOnTrack.Application.Operations;

/// <summary>How a reprocess ended.</summary>
public enum ReprocessResult
{
    Reprocessed,
    NotFound,

    /// <summary>The raw file is gone (retention deleted it after <c>Ingest__RawRetentionDays</c>): it cannot be read again.</summary>
    BlobGone,

    /// <summary>The blob now holds another version (this drop was superseded): reprocess that one instead.</summary>
    BlobReplaced,
}

/// <summary>What <c>drops reprocess</c> did; <paramref name="Ingest"/> is the ingest's own outcome when it ran.</summary>
public sealed record ReprocessOutcome(ReprocessResult Result, string Container, string BlobName, int RowsRemoved, IngestOutcome? Ingest);

/// <summary>
/// Runs a drop again through the current rules: checks its raw file still holds this drop's content, removes the rows
/// the drop wrote (a row the new rules reject must not stay), marks it <c>Processing</c> and forgets its receipt, then
/// ingests the blob exactly as IngestDrop does, and asks for the metrics of the school-years it described before (the
/// ingest asks for those it describes now). Each step is safe to repeat: if the run is interrupted, running it again
/// finishes it, and meanwhile the sweep finds the blob without a receipt and ingests it anyway.
/// </summary>
internal sealed partial class ReprocessDropUseCase(
    IDropRegistry drops,
    IBlobReceipts receipts,
    IDropRowRemover remover,
    IEnumerable<IDropImport> imports,
    IngestDropUseCase ingest,
    IUploadedFiles uploads,
    IMetricsRequests metricsRequests,
    IOperationsAudit audit,
    TimeProvider clock,
    ILogger<ReprocessDropUseCase> logger)
{
    public const string Operation = "DropReprocess";

    public async Task<ReprocessOutcome> ReprocessAsync(string scope, string dropId, string by, CancellationToken cancellationToken)
    {
        var drop = await drops.GetAsync(scope, dropId, cancellationToken).ConfigureAwait(false);
        if (drop is null)
        {
            return new ReprocessOutcome(ReprocessResult.NotFound, "", "", 0, null);
        }

        // Each container's import files its blobs under its own scope (a school, LA, plans, benchmarks).
        var container = imports.FirstOrDefault(i => i.Place(drop.BlobName).Scope == scope)?.Container ?? HubStorageNames.Containers.Drops;
        var outcome = new ReprocessOutcome(ReprocessResult.Reprocessed, container, drop.BlobName, 0, null);
        var blob = await uploads.FindAsync(container, drop.BlobName, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            return outcome with { Result = ReprocessResult.BlobGone };
        }

        if (!await HoldsDropAsync(container, drop, blob.ETag, cancellationToken).ConfigureAwait(false))
        {
            return outcome with { Result = ReprocessResult.BlobReplaced };
        }

        var removed = await remover.RemoveAsync(dropId, drop.Partitions, cancellationToken).ConfigureAwait(false);
        await drops.SaveAsync(drop with { Status = DropStatus.Processing }, cancellationToken).ConfigureAwait(false);
        await receipts.DeleteAsync(container, drop.BlobName, cancellationToken).ConfigureAwait(false);
        var ingested = await ingest.IngestAsync(new BlobCreatedEvent(container, drop.BlobName, null), cancellationToken).ConfigureAwait(false);
        await metricsRequests.RequestAsync(drop.SchoolYears, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(
            new OperationsAuditEntry(Operation, clock.GetUtcNow(), by, $"{scope}/{dropId}", new Dictionary<string, long> { ["RowsRemoved"] = removed }),
            cancellationToken).ConfigureAwait(false);
        LogReprocessed(logger, dropId, scope, removed, ingested.Status);
        return outcome with { RowsRemoved = removed, Ingest = ingested };
    }

    /// <summary>The receipt says which drop the blob's current version is; without one (an interrupted reprocess), hash it.</summary>
    private async Task<bool> HoldsDropAsync(string container, DataDrop drop, string etag, CancellationToken cancellationToken)
    {
        var receipt = await receipts.GetAsync(container, drop.BlobName, cancellationToken).ConfigureAwait(false);
        if (receipt is not null && receipt.BlobETag == etag)
        {
            return receipt.DropId == drop.DropId;
        }

        using var download = await uploads.OpenReadAsync(container, drop.BlobName, cancellationToken).ConfigureAwait(false);
        return await DropId.ComputeAsync(download.Content, cancellationToken).ConfigureAwait(false) == drop.DropId;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop {DropId} ({Scope}) reprocessed: {Rows} earlier rows removed, now {Status}")]
    private static partial void LogReprocessed(ILogger logger, string dropId, string scope, int rows, ReceiptStatus? status);
}
