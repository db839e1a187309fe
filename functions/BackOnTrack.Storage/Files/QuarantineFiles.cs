using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Files;

/// <summary><see cref="IQuarantine"/> over container <c>quarantine</c>, copying from the upload containers of the same account.</summary>
public sealed class QuarantineFiles(BlobServiceClient blobs) : IQuarantine
{
    private readonly BlobContainerClient _quarantine = blobs.GetBlobContainerClient(HubStorageNames.Containers.Quarantine);

    public async Task KeepAsync(string container, string name, string folder, ReadOnlyMemory<byte> reportJson, CancellationToken cancellationToken)
    {
        var source = blobs.GetBlobContainerClient(container).GetBlobClient(name);
        var target = _quarantine.GetBlobClient($"{folder}/{name[(name.LastIndexOf('/') + 1)..]}");
        // A copy within one account is authorised by the request itself (key or identity alike); it completes at once
        // for a blob this size, but waiting for it keeps the report from appearing before the file it describes.
        var copy = await target.StartCopyFromUriAsync(source.Uri, cancellationToken: cancellationToken).ConfigureAwait(false);
        await copy.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        await _quarantine.GetBlobClient($"{folder}/report.json").WriteAsync(BinaryData.FromBytes(reportJson), "application/json", cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var blob in _quarantine.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (blob.Properties.LastModified < cutoff
                && (await _quarantine.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false)).Value)
            {
                deleted++;
            }
        }

        return deleted;
    }
}
