namespace BackOnTrack.Core.Ports;

/// <summary>
/// The files the hub writes for people to read, in container <c>reports</c>: each drop's validation report, each
/// prompt run's record, the board packs.
/// </summary>
public interface IReportFiles
{
    /// <summary>Writes (or replaces) the file.</summary>
    Task WriteAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>Reads the file, or null when there is none of that name.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken);
}
