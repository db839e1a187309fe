using BackOnTrack.Storage;
using BackOnTrack.Storage.Blobs;

namespace BackOnTrack.Functions.LocalHost;

/// <summary>Uploads a folder laid out like the drops container (<c>{laestab}/…</c>, <c>la/…</c>), as schools would.</summary>
public static class DropUploads
{
    public static async Task<int> UploadFolderAsync(BlobServiceClient blobs, string folder, CancellationToken cancellationToken)
    {
        var uploaded = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var blobName = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            await using var content = File.OpenRead(file);
            await blobs.UploadAsync(HubStorageNames.Containers.Drops, blobName, content, new BlobUploadOptions { ContentType = ContentType(file) }, cancellationToken)
                .ConfigureAwait(false);
            uploaded++;
        }

        return uploaded;
    }

    private static string ContentType(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".csv" => "text/csv",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };
}
