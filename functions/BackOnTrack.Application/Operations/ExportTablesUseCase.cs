using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Blobs;
using BackOnTrack.Storage.Tables;

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
/// each entity with its properties' Edm types annotated so a restore gives back the same types. A table is written to
/// a self-deleting temporary file first, so a large table never sits in memory.
/// </summary>
public sealed partial class ExportTablesUseCase(StorageAccount account, TimeProvider clock, ILogger<ExportTablesUseCase> logger)
{
    internal static JsonSerializerOptions ManifestJson { get; } = new() { WriteIndented = true };

    /// <summary>The default folder of an export: its UTC time, sortable.</summary>
    public string DefaultPrefix() => clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>How many rows go by between two progress reports.</summary>
    public const int ReportEvery = 1000;

    /// <param name="progress">Told the rows exported, after every <see cref="ReportEvery"/> rows and each table.</param>
    public async Task<ExportManifest> ExportAsync(string container, string prefix, IProgress<TableCopyProgress>? progress, CancellationToken cancellationToken)
    {
        await account.Blobs.CreateContainerIfNotExistsAsync(container, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var tables = HubStorageNames.Tables.All;
        long done = 0;
        for (var i = 0; i < tables.Count; i++)
        {
            var (table, number) = (tables[i], i + 1);
            await using var file = new FileStream(
                Path.Combine(Path.GetTempPath(), "backontrack-export-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
                bufferSize: 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            long rows = 0;
            var entities = Counted(account.Tables.QueryAsync(table, filter: null, cancellationToken: cancellationToken), () =>
            {
                if (++rows % ReportEvery == 0)
                {
                    progress?.Report(new TableCopyProgress(table, number, tables.Count, rows, done + rows, null, TableDone: false));
                }
            }, cancellationToken);
            counts[table] = await TableEntityLines.WriteAsync(entities, file, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            await account.Blobs.UploadAsync(container, ExportManifest.TableBlob(prefix, table), file, new BlobUploadOptions { ContentType = "application/x-ndjson" }, cancellationToken).ConfigureAwait(false);
            LogTableExported(logger, table, counts[table]);
            done += counts[table];
            progress?.Report(new TableCopyProgress(table, number, tables.Count, counts[table], done, null, TableDone: true));
        }

        var manifest = new ExportManifest(clock.GetUtcNow(), counts);
        await account.Blobs.UploadAsync(
            container, $"{prefix}/{ExportManifest.BlobName}", JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson),
            new BlobUploadOptions { ContentType = "application/json" }, cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>The items, calling <paramref name="each"/> once each has been taken.</summary>
    internal static async IAsyncEnumerable<T> Counted<T>(IAsyncEnumerable<T> items, Action each, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
            each();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exported {Rows} rows of table {Table}")]
    private static partial void LogTableExported(ILogger logger, string table, long rows);
}
