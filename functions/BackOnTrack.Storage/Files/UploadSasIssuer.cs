using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Files;

/// <summary>
/// Issues the SAS a school uploads one file with: for one named blob, create-only (a new file) or write (replacing that
/// one blob), valid for minutes. A client holding the account key (Azurite, connection strings) signs a service SAS;
/// one holding an Entra ID credential (Azure, where Shared Key is off) signs a user delegation SAS, its delegation key
/// fetched once and reused until an hour before it expires. The SDK's <see cref="BlobSasBuilder"/> does the signing.
/// </summary>
/// <param name="blobs">The SDK client of the hub's account, authorised with the account key or a token credential.</param>
/// <param name="storageClock">
/// The storage service's idea of now: the real clock, even when the hub runs "as of" another date, since the service
/// checks a SAS's expiry against its own clock.
/// </param>
public sealed class UploadSasIssuer(BlobServiceClient blobs, TimeProvider storageClock) : IUploadUrls, IDisposable
{
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(6);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UserDelegationKey? _delegationKey;

    public async Task<(Uri Url, DateTimeOffset ExpiresOn)> IssueAsync(string container, string name, UploadAccess access, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var expiresOn = storageClock.GetUtcNow() + lifetime;
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(name);
        // No start time, so a storage clock behind ours cannot make a fresh SAS not yet valid. Plain HTTP only for a
        // loopback endpoint (Azurite), never in Azure.
        var builder = new BlobSasBuilder
        {
            BlobContainerName = container,
            BlobName = name,
            Resource = "b",
            ExpiresOn = expiresOn,
            Protocol = blob.Uri.IsLoopback ? SasProtocol.HttpsAndHttp : SasProtocol.Https,
        };
        builder.SetPermissions(access == UploadAccess.Create ? BlobSasPermissions.Create : BlobSasPermissions.Write);

        if (blob.CanGenerateSasUri)
        {
            return (blob.GenerateSasUri(builder), expiresOn);
        }

        var key = await DelegationKeyAsync(expiresOn, cancellationToken).ConfigureAwait(false);
        var url = new BlobUriBuilder(blob.Uri) { Sas = builder.ToSasQueryParameters(key, blobs.AccountName) }.ToUri();
        return (url, expiresOn);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset needUntil, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_delegationKey is null || _delegationKey.SignedExpiresOn < needUntil.AddHours(1))
            {
                var now = storageClock.GetUtcNow();
                // Started a little in the past: the storage service's clock may be behind ours.
                var request = new BlobGetUserDelegationKeyOptions(now + DelegationKeyLifetime) { StartsOn = now.AddMinutes(-5) };
                _delegationKey = (await blobs.GetUserDelegationKeyAsync(request, cancellationToken).ConfigureAwait(false)).Value;
            }

            return _delegationKey;
        }
        finally
        {
            _gate.Release();
        }
    }
}
