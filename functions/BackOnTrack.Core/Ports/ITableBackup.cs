namespace BackOnTrack.Core.Ports;

/// <summary>
/// Copies of the hub's tables in a blob container, for <c>export</c> and <c>restore</c>: each table as one blob of
/// JSON lines (one entity a line, every property's type kept), and small documents such as the manifest beside them.
/// </summary>
public interface ITableBackup
{
    /// <summary>Creates the container if it does not exist.</summary>
    Task PrepareAsync(string container, CancellationToken cancellationToken);

    /// <summary>Writes every row of <paramref name="table"/> to blob <paramref name="blobName"/>; returns how many.</summary>
    /// <param name="rowDone">Told the rows written so far, after each row.</param>
    Task<long> ExportTableAsync(string table, string container, string blobName, Action<long>? rowDone, CancellationToken cancellationToken);

    /// <summary>Writes rows exported by <see cref="ExportTableAsync"/> back into <paramref name="table"/> (upserts); returns how many.</summary>
    /// <param name="rowDone">Told the rows read so far, after each row.</param>
    Task<long> RestoreTableAsync(string container, string blobName, string table, Action<long>? rowDone, CancellationToken cancellationToken);

    /// <summary>Creates the table if it does not exist; true when it holds no row.</summary>
    Task<bool> IsEmptyAsync(string table, CancellationToken cancellationToken);

    /// <summary>Writes a document beside the exported tables.</summary>
    Task WriteDocumentAsync(string container, string blobName, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>A document written by <see cref="WriteDocumentAsync"/>; null when there is none.</summary>
    Task<byte[]?> ReadDocumentAsync(string container, string blobName, CancellationToken cancellationToken);
}
