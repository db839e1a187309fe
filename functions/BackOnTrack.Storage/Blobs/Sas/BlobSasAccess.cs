namespace BackOnTrack.Storage.Blobs.Sas;

/// <summary>
/// What an upload SAS may do: <c>c</c> create a new blob (never overwrite one), <c>w</c> write (create or overwrite).
/// Only these are ever issued; read, list and delete never are.
/// </summary>
public enum BlobSasAccess
{
    Create,
    Write,
}
