using System.Globalization;
using System.Text.Json;
using BackOnTrack.Core.Ports;
using BackOnTrack.Storage;

namespace BackOnTrack.Application.Operations;

/// <summary>An export's manifest (<c>{prefix}/manifest.json</c>), written last: a folder without one is not a complete export.</summary>
public sealed record ExportManifest(DateTimeOffset ExportedAt, IReadOnlyDictionary<string, long> Tables)
{
    public const string BlobName = "manifest.json";

    /// <summary>The blob holding one table's entities.</summary>
    public static string TableBlob(string prefix, string table) => $"{prefix}/{table}.jsonl";
}

/// <summary>
/// Reported by <c>export</c> and <c>restore</c> as they go, after every <see cref="ExportTablesUseCase.ReportEvery"/>
/// rows and at the end of each table (<paramref name="TableDone"/>): the table in hand (the <paramref name="TableNumber"/>th
/// of <paramref name="Tables"/>), its rows so far, and the run's rows so far, of <paramref name="TotalRows"/> when known
/// (a restore reads them from the manifest; an export cannot know them without reading every table twice).
/// </summary>
public sealed record TableCopyProgress(string Table, int TableNumber, int Tables, long TableRows, long RunRows, long? TotalRows, bool TableDone);

/// <summary>
/// <c>export</c>: every hub table to JSON lines in a blob container (the backup Table storage lacks), one blob per table,
/// each entity with its properties' Edm types annotated so a restore gives back the same types.
/// </summary>
public sealed partial class ExportTablesUseCase(ITableBackup backup, TimeProvider clock, ILogger<ExportTablesUseCase> logger)
{
    internal static JsonSerializerOptions ManifestJson { get; } = new() { WriteIndented = true };

    /// <summary>The default folder of an export: its UTC time, sortable.</summary>
    public string DefaultPrefix() => clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>How many rows go by between two progress reports.</summary>
    public const int ReportEvery = 1000;

    /// <param name="progress">Told the rows exported, after every <see cref="ReportEvery"/> rows and each table.</param>
    public async Task<ExportManifest> ExportAsync(string container, string prefix, IProgress<TableCopyProgress>? progress, CancellationToken cancellationToken)
    {
        await backup.PrepareAsync(container, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var tables = HubStorageNames.Tables.All;
        long done = 0;
        for (var i = 0; i < tables.Count; i++)
        {
            var (table, number) = (tables[i], i + 1);
            counts[table] = await backup.ExportTableAsync(table, container, ExportManifest.TableBlob(prefix, table), rows =>
            {
                if (rows % ReportEvery == 0)
                {
                    progress?.Report(new TableCopyProgress(table, number, tables.Count, rows, done + rows, null, TableDone: false));
                }
            }, cancellationToken).ConfigureAwait(false);
            LogTableExported(logger, table, counts[table]);
            done += counts[table];
            progress?.Report(new TableCopyProgress(table, number, tables.Count, counts[table], done, null, TableDone: true));
        }

        var manifest = new ExportManifest(clock.GetUtcNow(), counts);
        await backup.WriteDocumentAsync(
            container, $"{prefix}/{ExportManifest.BlobName}", JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson), "application/json", cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exported {Rows} rows of table {Table}")]
    private static partial void LogTableExported(ILogger logger, string table, long rows);
}
