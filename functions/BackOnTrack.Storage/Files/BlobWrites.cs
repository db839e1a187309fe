using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace BackOnTrack.Storage.Files;

/// <summary>Writes a whole blob, replacing any blob of that name, with the content type a browser or Excel opens it by.</summary>
public static class BlobWrites
{
    public static async Task WriteAsync(this BlobClient blob, BinaryData content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        await blob.UploadAsync(content, Options(contentType), cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteAsync(this BlobClient blob, Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        await blob.UploadAsync(content, Options(contentType), cancellationToken).ConfigureAwait(false);
    }

    private static BlobUploadOptions Options(string contentType) => new() { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
}
