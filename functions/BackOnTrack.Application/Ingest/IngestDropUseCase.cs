using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Messages;
using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Tracker;
using BackOnTrack.Storage;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Ingest;

/// <summary>What one delivery of a drop event came to.</summary>
public sealed record IngestOutcome(string Summary, ReceiptStatus? Status, string? DropId);

/// <summary>
/// Ingests one uploaded file: reads its current version once into a temporary file (hashing it for the drop id),
/// claims it with a receipt, has the container's import (<see cref="IDropImport"/>: school data drops, DfE statistics)
/// read and store its rows, writes the report, removes what an earlier version of the same file said, and lets the
/// import follow up (metrics requests, ranks); a school's drop also asks <c>tracker-sync</c> for the returns list. Every step is safe to repeat, so a delivery that dies part-way is
/// finished by the next.
/// </summary>
internal sealed partial class IngestDropUseCase(
    IUploadedFiles uploads,
    IReportFiles reports,
    IQuarantine quarantine,
    ITrackerSyncRequests trackerSync,
    IBlobReceipts receipts,
    IDropRegistry drops,
    IDropRowRemover remover,
    IEnumerable<IDropImport> imports,
    IOptions<IngestOptions> ingestOptions,
    TimeProvider clock,
    ILogger<IngestDropUseCase> logger)
{
    private readonly Dictionary<string, IDropImport> _imports = imports.ToDictionary(i => i.Container, StringComparer.Ordinal);

    /// <summary>How reports are written as JSON (camelCase, enums as names), and read back.</summary>
    internal static JsonSerializerOptions ReportJson { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<IngestOutcome> IngestAsync(BlobCreatedEvent drop, CancellationToken cancellationToken)
    {
        if (!_imports.TryGetValue(drop.Container, out var import))
        {
            LogNotIngested(logger, drop.Container);
            return new IngestOutcome($"Container {drop.Container} is not ingested by this version of the hub.", null, null);
        }

        var reading = uploads.FindAsync(drop.Container, drop.BlobName, cancellationToken);
        var receipt = await receipts.GetAsync(drop.Container, drop.BlobName, cancellationToken).ConfigureAwait(false);
        var current = await reading.ConfigureAwait(false);
        if (current is null)
        {
            return new IngestOutcome("The blob no longer exists; nothing to do.", null, null);
        }

        if (receipt is { IsFinal: true } && receipt.BlobETag == current.ETag)
        {
            return new IngestOutcome("This version was already handled.", receipt.Status, receipt.DropId);
        }

        var limits = ingestOptions.Value.Limits();
        await using var copy = await DownloadAsync(drop, limits.MaxFileBytes, cancellationToken).ConfigureAwait(false);
        var place = import.Place(drop.BlobName);
        var scope = place.Scope;
        var now = clock.GetUtcNow();

        var existing = await drops.GetAsync(scope, copy.DropId, cancellationToken).ConfigureAwait(false);
        if (existing is { Status: DropStatus.Processed or DropStatus.Rejected })
        {
            // The same content again, under this name or another: nothing new to store.
            var sameFile = existing.BlobName == drop.BlobName;
            await SaveReceiptAsync(drop, copy, sameFile ? ToReceiptStatus(existing.Status) : ReceiptStatus.Duplicate, sameFile ? null : existing.BlobName, now, receipt, cancellationToken)
                .ConfigureAwait(false);
            LogDuplicate(logger, copy.DropId, scope);
            return new IngestOutcome(sameFile ? "Same content as the version already handled." : "Duplicate of a file already received.", ReceiptStatus.Duplicate, copy.DropId);
        }

        var claimed = await SaveReceiptAsync(drop, copy, ReceiptStatus.Processing, null, now, receipt, cancellationToken).ConfigureAwait(false);
        var previous = receipt is { Status: ReceiptStatus.Processed } && receipt.DropId != copy.DropId
            ? await drops.GetAsync(scope, receipt.DropId, cancellationToken).ConfigureAwait(false)
            : null;

        var record = new DataDrop
        {
            Scope = scope,
            DropId = copy.DropId,
            BlobName = drop.BlobName,
            Status = DropStatus.Processing,
            ReceivedAt = current.LastModified,
        };
        await drops.SaveAsync(record, cancellationToken).ConfigureAwait(false);

        var result = copy.Oversized
            ? new StoredRows(null, null, 0, 0, [], [], [], [], [], limits.FileTooLargeReason())
            : await import.StoreRowsAsync(copy.Content, place, copy.DropId, current.LastModified, cancellationToken).ConfigureAwait(false);

        var reason = result.Rejection ?? DropVerdict.Judge(result.RowsRead, result.RowsRejected, ingestOptions.Value.RejectThresholdPercent);
        var status = reason is null ? DropStatus.Processed : DropStatus.Rejected;
        if (status == DropStatus.Rejected && result.Partitions.Count > 0)
        {
            await remover.RemoveAsync(copy.DropId, result.Partitions, cancellationToken).ConfigureAwait(false);
        }

        var replaced = status == DropStatus.Processed && previous is { Status: DropStatus.Processed } ? previous : null;
        if (replaced is not null)
        {
            await remover.RemoveAsync(replaced.DropId, replaced.Partitions, cancellationToken).ConfigureAwait(false);
            await drops.SaveAsync(replaced with { Status = DropStatus.Superseded }, cancellationToken).ConfigureAwait(false);
        }

        var folder = place.Folder;
        var report = new DropReport
        {
            DropId = copy.DropId,
            BlobName = drop.BlobName,
            Scope = scope,
            Status = status,
            Kind = result.Kind,
            Layout = result.Layout,
            Reason = reason,
            RowsRead = result.RowsRead,
            RowsAccepted = status == DropStatus.Processed ? result.RowsAccepted : 0,
            RowsRejected = result.RowsRejected,
            PersonalColumnsDropped = result.PersonalColumns,
            ColumnsIgnored = result.IgnoredColumns,
            Rejections = result.Rejections,
            Benchmarks = result.Benchmarks,
            Findings = result.Findings,
            ProcessedAt = clock.GetUtcNow(),
        };
        var reportBlob = await WriteReportAsync(report, folder, cancellationToken).ConfigureAwait(false);
        if (status == DropStatus.Rejected)
        {
            await QuarantineAsync(drop, copy.DropId, folder, report, cancellationToken).ConfigureAwait(false);
        }

        await drops.SaveAsync(
            record with
            {
                Status = status,
                Kind = report.Kind,
                Layout = report.Layout,
                RowsRead = report.RowsRead,
                RowsAccepted = report.RowsAccepted,
                RowsRejected = report.RowsRejected,
                ReportBlob = reportBlob,
                Reason = reason,
                ProcessedAt = report.ProcessedAt,
                Partitions = status == DropStatus.Processed ? result.Partitions : [],
                SchoolYears = status == DropStatus.Processed ? result.SchoolYears : [],
            },
            cancellationToken).ConfigureAwait(false);

        if (status == DropStatus.Processed)
        {
            await import.AfterStoredAsync(result, replaced, cancellationToken).ConfigureAwait(false);
        }

        if (place.School is not null)
        {
            // A school's drop, accepted or refused, changes its line in the returns list the board reads.
            await trackerSync.RequestAsync(new TrackerSyncRequest.Returns(), cancellationToken).ConfigureAwait(false);
        }

        await SaveReceiptAsync(drop, copy, ToReceiptStatus(status), null, now, claimed, cancellationToken).ConfigureAwait(false);
        LogIngested(logger, copy.DropId, scope, status, report.Kind, report.RowsRead, report.RowsAccepted, report.RowsRejected);
        return new IngestOutcome(
            $"Drop {copy.DropId[..12]} ({scope}, {report.Kind ?? "unknown kind"}): {status}, {report.RowsAccepted} of {report.RowsRead} rows stored, {report.RowsRejected} rejected.",
            ToReceiptStatus(status),
            copy.DropId);
    }

    private async Task<string> WriteReportAsync(DropReport report, string folder, CancellationToken cancellationToken)
    {
        var name = $"{folder}/{report.DropId}";
        await Task.WhenAll(
            reports.WriteAsync(name + ".json", JsonSerializer.SerializeToUtf8Bytes(report, ReportJson), "application/json", cancellationToken),
            reports.WriteAsync(name + ".csv", Encoding.UTF8.GetBytes(report.ToCsv()), "text/csv", cancellationToken)).ConfigureAwait(false);
        return name + ".json";
    }

    private async Task QuarantineAsync(BlobCreatedEvent drop, string dropId, string folder, DropReport report, CancellationToken cancellationToken) =>
        await quarantine.KeepAsync(drop.Container, drop.BlobName, $"{folder}/{dropId}", JsonSerializer.SerializeToUtf8Bytes(report, ReportJson), cancellationToken).ConfigureAwait(false);

    private async Task<BlobReceipt> SaveReceiptAsync(
        BlobCreatedEvent drop, DownloadedDrop copy, ReceiptStatus status, string? duplicateOf, DateTimeOffset now, BlobReceipt? expected, CancellationToken cancellationToken) =>
        await receipts.SaveAsync(new BlobReceipt(drop.Container, drop.BlobName, copy.ETag, copy.DropId, status, duplicateOf, now), expected, cancellationToken).ConfigureAwait(false);

    private static ReceiptStatus ToReceiptStatus(DropStatus status) => status switch
    {
        DropStatus.Processed => ReceiptStatus.Processed,
        DropStatus.Rejected => ReceiptStatus.Rejected,
        _ => ReceiptStatus.Processing,
    };

    /// <summary>
    /// Copies the blob's current version to a temporary file that deletes itself, hashing it on the way. Parsing reads
    /// the local copy: forward-only CSV and random-access XLSX alike, without holding the file in memory. A blob larger
    /// than <paramref name="maxBytes"/> is not copied past that point (nor is the disk filled): the copy is marked
    /// oversized, and its drop id is the hash of what was read and the version's ETag, so each version is one drop.
    /// </summary>
    private async Task<DownloadedDrop> DownloadAsync(BlobCreatedEvent drop, long maxBytes, CancellationToken cancellationToken)
    {
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), "backontrack-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            bufferSize: 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var download = await uploads.OpenReadAsync(drop.Container, drop.BlobName, cancellationToken).ConfigureAwait(false);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            var etag = download.ETag;
            long total = 0;
            int read;
            while ((read = await download.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    hash.AppendData(Encoding.UTF8.GetBytes(etag));
                    return new DownloadedDrop(file, Convert.ToHexStringLower(hash.GetHashAndReset()), etag) { Oversized = true };
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new DownloadedDrop(file, Convert.ToHexStringLower(hash.GetHashAndReset()), etag);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed record DownloadedDrop(FileStream Content, string DropId, string ETag) : IAsyncDisposable
    {
        /// <summary>The blob is over the size limit: <see cref="Content"/> holds only its start and is not read.</summary>
        public bool Oversized { get; init; }

        public ValueTask DisposeAsync() => Content.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop event for container {Container}, which this version does not ingest; completed without action")]
    private static partial void LogNotIngested(ILogger logger, string container);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop {DropId} ({Scope}) has content already received; nothing written")]
    private static partial void LogDuplicate(ILogger logger, string dropId, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop {DropId} ({Scope}, {Kind}) {Status}: {RowsRead} rows read, {RowsAccepted} stored, {RowsRejected} rejected")]
    private static partial void LogIngested(ILogger logger, string dropId, string scope, DropStatus status, string? kind, int rowsRead, int rowsAccepted, int rowsRejected);
}
