using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Application.Ingest;

/// <summary>Where a drop is filed: its DataDrops partition and its reports/quarantine folder.</summary>
/// <param name="School">The uploading school, for a school's data drop.</param>
/// <param name="Misplaced">Why the blob is in nobody's place (it is then rejected whole); null when it is placed.</param>
internal sealed record DropPlace(string Scope, string Folder, string FileName, Laestab? School = null, string? Misplaced = null);

/// <summary>
/// One container's kind of file. <see cref="IngestDropUseCase"/> runs every import inside the same receipts, drop
/// registry, duplicate and version handling, reports and quarantine; an import says only where a drop is filed, how
/// its rows are stored, and what follows once a drop is stored.
/// </summary>
internal interface IDropImport
{
    string Container { get; }

    DropPlace Place(string blobName);

    /// <summary>Reads and stores the drop's rows; a rejection in the result means the file is refused whole.</summary>
    /// <param name="receivedAt">When this version was uploaded: the same on every delivery, unlike the clock.</param>
    Task<StoredRows> StoreRowsAsync(Stream content, DropPlace place, string dropId, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Runs after a drop was stored, with the earlier version of the same file when it replaced one.</summary>
    Task AfterStoredAsync(StoredRows stored, DataDrop? replaced, CancellationToken cancellationToken);
}
