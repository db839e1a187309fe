using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Files;

/// <summary><see cref="IUploadedFiles"/> over the upload containers of the hub's account.</summary>
public sealed class UploadedFiles(BlobServiceClient blobs) : IUploadedFiles
{
    public async Task<StoredFile?> FindAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await Blob(container, name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new StoredFile(name, BlobETags.Quoted(properties.ETag), properties.LastModified, properties.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<FileDownload> OpenReadAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var download = (await Blob(container, name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new FileDownload(download.Content, BlobETags.Quoted(download.Details.ETag));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new FileNotFoundException($"No file {container}/{name}.", $"{container}/{name}", ex);
        }
    }

    public async IAsyncEnumerable<StoredFile> ListAsync(string container, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in blobs.GetBlobContainerClient(container).GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new StoredFile(blob.Name, BlobETags.Quoted(blob.Properties.ETag ?? default), blob.Properties.LastModified ?? DateTimeOffset.MinValue, blob.Properties.ContentLength ?? 0);
        }
    }

    public async Task<bool> DeleteIfExistsAsync(string container, string name, CancellationToken cancellationToken) =>
        (await Blob(container, name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;

    public Uri UriOf(string container, string name) => Blob(container, name).Uri;

    private BlobClient Blob(string container, string name) => blobs.GetBlobContainerClient(container).GetBlobClient(name);
}
