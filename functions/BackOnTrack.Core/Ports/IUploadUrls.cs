namespace BackOnTrack.Core.Ports;

/// <summary>
/// What an upload URL may do: create a new file (never overwrite one), or write one named file (create or replace it).
/// Only these are ever issued; read, list and delete never are.
/// </summary>
public enum UploadAccess
{
    Create,
    Write,
}

/// <summary>Short-lived URLs a browser uploads one file with, straight to storage.</summary>
public interface IUploadUrls
{
    /// <summary>The file's URL with its signature, and when (by the storage service's clock) it stops working.</summary>
    Task<(Uri Url, DateTimeOffset ExpiresOn)> IssueAsync(string container, string name, UploadAccess access, TimeSpan lifetime, CancellationToken cancellationToken);
}
