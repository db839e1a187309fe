namespace BackOnTrack.Core.Ports;

/// <summary>
/// The files schools and the LA upload, in the containers an import reads (<c>drops</c>, <c>plans</c>,
/// <c>benchmarks</c>): what ingest reads, what the sweep lists and clears, what the portal's uploads go to.
/// </summary>
public interface IUploadedFiles
{
    /// <summary>The file's current version, or null when there is no such file.</summary>
    Task<StoredFile?> FindAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>Reads the file's current version.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    Task<FileDownload> OpenReadAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>Every file in the container, each in its current version.</summary>
    IAsyncEnumerable<StoredFile> ListAsync(string container, CancellationToken cancellationToken);

    /// <summary>Deletes the file; false when it was already gone.</summary>
    Task<bool> DeleteIfExistsAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>The file's address in storage (what an event names it by, and where a browser sends it).</summary>
    Uri UriOf(string container, string name);
}
