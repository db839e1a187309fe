using Azure;
using Azure.Storage.Blobs;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Files;

/// <summary><see cref="IReportFiles"/> over container <c>reports</c>.</summary>
public sealed class ReportFiles(BlobContainerClient reports) : IReportFiles
{
    public ReportFiles(BlobServiceClient blobs)
        : this((blobs ?? throw new ArgumentNullException(nameof(blobs))).GetBlobContainerClient(HubStorageNames.Containers.Reports))
    {
    }

    public async Task WriteAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        await reports.GetBlobClient(name).WriteAsync(BinaryData.FromBytes(content), contentType, cancellationToken).ConfigureAwait(false);

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await reports.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
