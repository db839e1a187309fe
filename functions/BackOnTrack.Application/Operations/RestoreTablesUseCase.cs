using System.Text;
using System.Text.Json;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Blobs;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Storage.Tables;

namespace BackOnTrack.Application.Operations;

/// <summary>How a restore ended.</summary>
public enum RestoreResult
{
    Restored,

    /// <summary>No manifest under the prefix: not an export, or one that did not finish.</summary>
    NoExport,

    /// <summary>A table to restore already holds rows, and the restore was not forced.</summary>
    NotEmpty,
}

/// <summary>What <c>restore</c> did: rows written per table, or the tables that were not empty.</summary>
public sealed record RestoreOutcome(RestoreResult Result, IReadOnlyDictionary<string, long> Rows, IReadOnlyList<string> NonEmptyTables);

/// <summary>
/// <c>restore</c>: writes an export back into the configured account's tables, entity by entity with the types it was
/// exported with. It refuses an account whose tables hold rows (restoring over live data would mix two states) unless
/// forced, in which case exported rows replace rows with the same keys and other rows stay. Writes are upserts, so an
/// interrupted restore is finished by running it again (forced, as the tables are no longer empty).
/// </summary>
public sealed partial class RestoreTablesUseCase(StorageAccount account, ILogger<RestoreTablesUseCase> logger)
{
    /// <param name="source">Where the export is: the configured account's blobs, or another account's.</param>
    /// <param name="progress">Told the rows restored, after every <see cref="ExportTablesUseCase.ReportEvery"/> rows and each table, of the manifest's total.</param>
    public async Task<RestoreOutcome> RestoreAsync(
        BlobServiceClient source, string container, string prefix, bool force, IProgress<TableCopyProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var manifest = await ReadManifestAsync(source, container, prefix, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return new RestoreOutcome(RestoreResult.NoExport, new Dictionary<string, long>(), []);
        }

        var nonEmpty = new List<string>();
        foreach (var table in manifest.Tables.Keys)
        {
            await account.Tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
            var page = await account.Tables.QueryPageAsync(table, filter: null, ["RowKey"], pageSize: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (page.Items.Count > 0 || page.Continuation is not null)
            {
                nonEmpty.Add(table);
            }
        }

        if (nonEmpty.Count > 0 && !force)
        {
            return new RestoreOutcome(RestoreResult.NotEmpty, new Dictionary<string, long>(), nonEmpty);
        }

        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        var tables = manifest.Tables.Keys.Order(StringComparer.Ordinal).ToList();
        var total = manifest.Tables.Values.Sum();
        long done = 0;
        for (var i = 0; i < tables.Count; i++)
        {
            var (table, number) = (tables[i], i + 1);
            void Report(long tableRows, bool tableDone) => progress?.Report(new TableCopyProgress(table, number, tables.Count, tableRows, done + tableRows, total, tableDone));
            rows[table] = await RestoreTableAsync(source, container, ExportManifest.TableBlob(prefix, table), table, r => Report(r, tableDone: false), cancellationToken).ConfigureAwait(false);
            LogTableRestored(logger, table, rows[table]);
            Report(rows[table], tableDone: true);
            done += rows[table];
        }

        return new RestoreOutcome(RestoreResult.Restored, rows, nonEmpty);
    }

    private async Task<long> RestoreTableAsync(BlobServiceClient source, string container, string blobName, string table, Action<long> report, CancellationToken cancellationToken)
    {
        using var download = await source.DownloadStreamingAsync(container, blobName, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(download.Content, Encoding.UTF8);
        await using var writer = new PartitionedTableWriter(account.SdkTables);
        long count = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            await writer.UpsertAsync(table, TableEntityLines.FromLine(Encoding.UTF8.GetBytes(line)).ToSdkEntity(), Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            if (++count % ExportTablesUseCase.ReportEvery == 0)
            {
                report(count);
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private static async Task<ExportManifest?> ReadManifestAsync(BlobServiceClient source, string container, string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}/{ExportManifest.BlobName}";
        if (await source.GetPropertiesAsync(container, name, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        using var download = await source.DownloadStreamingAsync(container, name, cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync<ExportManifest>(download.Content, ExportTablesUseCase.ManifestJson, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored {Rows} rows of table {Table}")]
    private static partial void LogTableRestored(ILogger logger, string table, long rows);
}
