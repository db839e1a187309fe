using System.Text.Json;
using BackOnTrack.Core.Ports;

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
public sealed partial class RestoreTablesUseCase(ITableBackup backup, ILogger<RestoreTablesUseCase> logger)
{
    /// <param name="container">The configured account's container the export is in (an operator copies another account's export there first).</param>
    /// <param name="progress">Told the rows restored, after every <see cref="ExportTablesUseCase.ReportEvery"/> rows and each table, of the manifest's total.</param>
    public async Task<RestoreOutcome> RestoreAsync(string container, string prefix, bool force, IProgress<TableCopyProgress>? progress, CancellationToken cancellationToken)
    {
        var manifest = await ReadManifestAsync(container, prefix, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return new RestoreOutcome(RestoreResult.NoExport, new Dictionary<string, long>(), []);
        }

        var nonEmpty = new List<string>();
        foreach (var table in manifest.Tables.Keys)
        {
            if (!await backup.IsEmptyAsync(table, cancellationToken).ConfigureAwait(false))
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
            rows[table] = await backup.RestoreTableAsync(container, ExportManifest.TableBlob(prefix, table), table, r =>
            {
                if (r % ExportTablesUseCase.ReportEvery == 0)
                {
                    Report(r, tableDone: false);
                }
            }, cancellationToken).ConfigureAwait(false);
            LogTableRestored(logger, table, rows[table]);
            Report(rows[table], tableDone: true);
            done += rows[table];
        }

        return new RestoreOutcome(RestoreResult.Restored, rows, nonEmpty);
    }

    private async Task<ExportManifest?> ReadManifestAsync(string container, string prefix, CancellationToken cancellationToken) =>
        await backup.ReadDocumentAsync(container, $"{prefix}/{ExportManifest.BlobName}", cancellationToken).ConfigureAwait(false) is { } json
            ? JsonSerializer.Deserialize<ExportManifest>(json, ExportTablesUseCase.ManifestJson)
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored {Rows} rows of table {Table}")]
    private static partial void LogTableRestored(ILogger logger, string table, long rows);
}
