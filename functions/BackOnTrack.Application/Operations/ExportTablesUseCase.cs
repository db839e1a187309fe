using System.Globalization;
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
/// <c>export</c>: every hub table to JSON lines in a blob container (the backup Table storage lacks), one blob per table,
/// each entity with its properties' Edm types annotated so a restore gives back the same types. A table is written to
/// a self-deleting temporary file first, so a large table never sits in memory.
/// </summary>
public sealed partial class ExportTablesUseCase(StorageAccount account, TimeProvider clock, ILogger<ExportTablesUseCase> logger)
{
    internal static JsonSerializerOptions ManifestJson { get; } = new() { WriteIndented = true };

    /// <summary>The default folder of an export: its UTC time, sortable.</summary>
    public string DefaultPrefix() => clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public async Task<ExportManifest> ExportAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        await account.Blobs.CreateContainerIfNotExistsAsync(container, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in HubStorageNames.Tables.All)
        {
            await using var file = new FileStream(
                Path.Combine(Path.GetTempPath(), "backontrack-export-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
                bufferSize: 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            counts[table] = await TableEntityLines.WriteAsync(account.Tables.QueryAsync(table, filter: null, cancellationToken: cancellationToken), file, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            await account.Blobs.UploadAsync(container, ExportManifest.TableBlob(prefix, table), file, new BlobUploadOptions { ContentType = "application/x-ndjson" }, cancellationToken).ConfigureAwait(false);
            LogTableExported(logger, table, counts[table]);
        }

        var manifest = new ExportManifest(clock.GetUtcNow(), counts);
        await account.Blobs.UploadAsync(
            container, $"{prefix}/{ExportManifest.BlobName}", JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson),
            new BlobUploadOptions { ContentType = "application/json" }, cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exported {Rows} rows of table {Table}")]
    private static partial void LogTableExported(ILogger logger, string table, long rows);
}
