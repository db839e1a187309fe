namespace BackOnTrack.Core.Drops;

/// <summary>
/// Where a blob is, as Event Grid names it: the event's subject (<c>/blobServices/default/containers/{c}/blobs/{name}</c>)
/// or the blob's URL (path style on Azurite, host style on Azure).
/// </summary>
public sealed record BlobLocation(string Container, string BlobName)
{
    private const string ContainersMarker = "/containers/";
    private const string BlobsMarker = "/blobs/";

    public static string Subject(string container, string blobName) => $"/blobServices/default/containers/{container}/blobs/{blobName}";

    public static BlobLocation? FromSubject(string? subject)
    {
        if (subject is null)
        {
            return null;
        }

        var containerAt = subject.IndexOf(ContainersMarker, StringComparison.Ordinal);
        var blobsAt = subject.IndexOf(BlobsMarker, StringComparison.Ordinal);
        if (containerAt < 0 || blobsAt < containerAt)
        {
            return null;
        }

        var container = subject[(containerAt + ContainersMarker.Length)..blobsAt];
        var blob = subject[(blobsAt + BlobsMarker.Length)..];
        return container.Length == 0 || blob.Length == 0 ? null : new BlobLocation(container, blob);
    }

    public static BlobLocation? FromUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        // Path style (Azurite: /account/container/blob) or host style (account.blob.core.windows.net/container/blob).
        var segments = uri.AbsolutePath.TrimStart('/').Split('/', 2);
        if (uri.Host is "127.0.0.1" or "localhost" && segments.Length == 2)
        {
            segments = segments[1].Split('/', 2);
        }

        return segments.Length == 2 && segments[0].Length > 0 && segments[1].Length > 0
            ? new BlobLocation(segments[0], Uri.UnescapeDataString(segments[1]))
            : null;
    }
}
