using BackOnTrack.Storage.Files;
using Azure.Storage.Blobs;
using BackOnTrack.Storage;

namespace BackOnTrack.Cli.LocalRun;

/// <summary>
/// Uploads a folder as schools and officers would: <c>plans/…</c> and <c>benchmarks/…</c> to those containers, everything
/// else (<c>{laestab}/…</c>, <c>la/…</c>) to <c>drops</c>, each under its path relative to that folder.
/// </summary>
public static class DropUploads
{
    private static readonly string[] OwnContainers = [HubStorageNames.Containers.Plans, HubStorageNames.Containers.Benchmarks];

    public static async Task<int> UploadFolderAsync(BlobServiceClient blobs, string folder, CancellationToken cancellationToken)
    {
        var uploaded = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            var top = relative.Split('/')[0];
            var (container, blobName) = OwnContainers.Contains(top) && relative.Length > top.Length + 1
                ? (top, relative[(top.Length + 1)..])
                : (HubStorageNames.Containers.Drops, relative);
            await using var content = File.OpenRead(file);
            await blobs.GetBlobContainerClient(container).GetBlobClient(blobName)
                .WriteAsync(content, ContentType(file), cancellationToken)
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
