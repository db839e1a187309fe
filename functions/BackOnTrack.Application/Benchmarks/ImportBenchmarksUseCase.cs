using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Storage;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Benchmarks;

/// <summary>
/// The <c>benchmarks</c> container's import, run by <see cref="IngestDropUseCase"/> inside its receipts, registry,
/// report and quarantine: reads a DfE statistics file, writes its rows to table Benchmarks, and ranks the home LA in
/// every year and period an import changed.
/// </summary>
internal sealed partial class ImportBenchmarksUseCase(
    IBenchmarkRows rowStore,
    IBenchmarks store,
    IOptions<HubOptions> hubOptions,
    IOptions<IngestOptions> ingestOptions,
    ILogger<ImportBenchmarksUseCase> logger) : IDropImport
{
    /// <summary>The DataDrops partition of DfE statistics files, and their reports and quarantine folder (docs/architecture.md §Storage).</summary>
    public const string Scope = "benchmarks";

    /// <summary>The DataDrops Kind of a DfE statistics file (docs/architecture.md §Storage).</summary>
    public const string Kind = "Benchmarks";

    private static readonly string TablePrefix = HubStorageNames.Tables.Benchmarks + "|";

    /// <summary>
    /// Reads the file whole and judges it before writing anything, so a rejected file changes no row (DfE files are a
    /// few thousand aggregate rows). Skipped rows (other school types) count as neither accepted nor rejected.
    /// </summary>
    public string Container => HubStorageNames.Containers.Benchmarks;

    /// <summary>DfE statistics belong to no school: one partition and reports folder for them all, whatever their path.</summary>
    public DropPlace Place(string blobName) => new(Scope, Scope, blobName);

    public async Task<StoredRows> StoreRowsAsync(Stream content, DropPlace place, string dropId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        content.Position = 0;
        var file = BenchmarkReader.Read(content, place.FileName, ingestOptions.Value.Limits());
        if (!file.IsReadable)
        {
            return new StoredRows(null, null, 0, 0, [], [], [], [], [], file.Rejection);
        }

        var summary = file.Summary();
        var rejection = DropVerdict.Judge(file.RowsRead, file.RowsRejected, ingestOptions.Value.RejectThresholdPercent)
            ?? (file.Rows.Count == 0
                ? "No row of the file can be stored: none is national, regional or LA figures for a phase the hub keeps (Total, primary, secondary, special, alternative provision), or each such row was rejected."
                : null);
        var partitions = new List<string>();
        if (rejection is null)
        {
            partitions.AddRange(await rowStore.WriteAsync(file.Rows, dropId, cancellationToken).ConfigureAwait(false));
            LogStored(logger, dropId, file.Scheme!.Value, file.Rows.Count, partitions.Count, file.RowsSkipped, summary.RowsWithSuppressedValues, summary.RowsNotConforming, summary.RowsWithFractionalCounts);
        }

        return new StoredRows(Kind, file.Scheme.ToString(), file.RowsRead, file.RowsRejected, file.Rejections, [], file.IgnoredColumns, partitions, [], rejection)
        {
            RowsSkipped = file.RowsSkipped,
            Benchmarks = summary,
        };
    }

    /// <summary>Ranks the home LA again in every year and period the drop, or the version it replaced, touched.</summary>
    public Task AfterStoredAsync(StoredRows stored, DataDrop? replaced, CancellationToken cancellationToken) =>
        RankAsync(stored.Partitions.Union(replaced?.Partitions ?? []), cancellationToken);

    /// <summary>Ranks the home LA again in each Benchmarks partition (<c>Benchmarks|{yyyy-yy}_{period}</c>) given.</summary>
    private async Task RankAsync(IEnumerable<string> tablePartitions, CancellationToken cancellationToken)
    {
        var home = hubOptions.Value.LocalAuthority;
        foreach (var partition in tablePartitions.Where(p => p.StartsWith(TablePrefix, StringComparison.Ordinal)).Select(p => p[TablePrefix.Length..]).Distinct())
        {
            var written = await store.RankHomeAsync(partition, home, cancellationToken).ConfigureAwait(false);
            LogRanked(logger, partition, written);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Benchmarks drop {DropId} ({Scheme}): {Rows} rows stored in {Partitions} partitions; {Skipped} skipped, {Suppressed} with suppressed figures, {NotConforming} with a rate that does not follow from its counts, {Fractional} with a fractional count")]
    private static partial void LogStored(ILogger logger, string dropId, BenchmarkScheme scheme, int rows, int partitions, int skipped, int suppressed, int notConforming, int fractional);

    [LoggerMessage(Level = LogLevel.Information, Message = "Home LA ranked in Benchmarks partition {Partition}: {Written} rows changed")]
    private static partial void LogRanked(ILogger logger, string partition, int written);
}
