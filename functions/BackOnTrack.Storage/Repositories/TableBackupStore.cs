using BackOnTrack.Storage.Files;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using BackOnTrack.Core.Ports;
using BackOnTrack.Storage.Backup;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Exports of the account's tables to its blobs and back, through the SDK, in the format of <see cref="TableEntityLines"/>.
/// A table is written to a self-deleting temporary file first, so a large table never sits in memory.
/// </summary>
public sealed class TableBackupStore(TableServiceClient tables, BlobServiceClient blobs) : ITableBackup
{
    public async Task PrepareAsync(string container, CancellationToken cancellationToken) =>
        await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<long> ExportTableAsync(string table, string container, string blobName, Action<long>? rowDone, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(
            Path.Combine(Path.GetTempPath(), "backontrack-export-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            bufferSize: 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        long rows = 0;
        var entities = Counted(tables.GetTableClient(table).QueryAsync<TableEntity>(filter: (string?)null, cancellationToken: cancellationToken), () => rowDone?.Invoke(++rows), cancellationToken);
        var count = await TableEntityLines.WriteAsync(entities, file, cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Position = 0;
        await blobs.GetBlobContainerClient(container).GetBlobClient(blobName).WriteAsync(file, "application/x-ndjson", cancellationToken).ConfigureAwait(false);
        return count;
    }

    public async Task<long> RestoreTableAsync(string container, string blobName, string table, Action<long>? rowDone, CancellationToken cancellationToken)
    {
        using var download = (await blobs.GetBlobContainerClient(container).GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        using var reader = new StreamReader(download.Content, Encoding.UTF8);
        await using var writer = new PartitionedTableWriter(tables);
        long count = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            await writer.UpsertAsync(table, TableEntityLines.FromLine(Encoding.UTF8.GetBytes(line)), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            rowDone?.Invoke(++count);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    public async Task<bool> IsEmptyAsync(string table, CancellationToken cancellationToken)
    {
        var client = tables.GetTableClient(table);
        await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var page in client.QueryAsync<TableEntity>(filter: (string?)null, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).ConfigureAwait(false))
        {
            // A page may come back empty with a continuation: rows may still follow, so only a last empty page means none.
            return page.Values.Count == 0 && page.ContinuationToken is null;
        }

        return true;
    }

    public async Task WriteDocumentAsync(string container, string blobName, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        await blobs.GetBlobContainerClient(container).GetBlobClient(blobName).WriteAsync(BinaryData.FromBytes(content), contentType, cancellationToken).ConfigureAwait(false);

    public async Task<byte[]?> ReadDocumentAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var download = await blobs.GetBlobContainerClient(container).GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The items, calling <paramref name="each"/> once each has been taken.</summary>
    private static async IAsyncEnumerable<T> Counted<T>(IAsyncEnumerable<T> items, Action each, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
            each();
        }
    }
}
