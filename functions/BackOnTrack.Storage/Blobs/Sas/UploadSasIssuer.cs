using BackOnTrack.Storage.Blobs;

namespace BackOnTrack.Storage.Blobs.Sas;

/// <summary>
/// Issues the SAS a school uploads one file with: for one named blob, create-only (a new file) or write (replacing that
/// one blob), valid for minutes. With an account key (Azurite, connection strings) a service SAS; with Entra ID (Azure,
/// where Shared Key is off) a user delegation SAS, its delegation key fetched once and reused until an hour before it
/// expires.
/// </summary>
/// <param name="storageClock">
/// The storage service's idea of now: the real clock, even when the hub runs "as of" another date, since the service
/// checks a SAS's expiry against its own clock.
/// </param>
public sealed class UploadSasIssuer(StorageConnection connection, BlobServiceClient blobs, TimeProvider storageClock) : IDisposable
{
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(6);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UserDelegationKey? _delegationKey;

    /// <summary>The blob's URL with the SAS appended, and when (by the storage service's clock) the SAS expires.</summary>
    public async Task<(Uri Url, DateTimeOffset ExpiresOn)> IssueAsync(string container, string blobName, BlobSasAccess permission, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var expiresOn = storageClock.GetUtcNow() + lifetime;
        var blobUri = blobs.GetBlobUri(container, blobName);
        var query = connection.AccountKey is { } accountKey
            ? BlobSasSigner.ServiceSas(blobUri, connection.AccountName, accountKey, container, blobName, permission, expiresOn)
            : BlobSasSigner.UserDelegationSas(blobUri, connection.AccountName, await DelegationKeyAsync(expiresOn, cancellationToken).ConfigureAwait(false), container, blobName, permission, expiresOn);
        return (new Uri($"{blobUri.AbsoluteUri}?{query}"), expiresOn);
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
                _delegationKey = await blobs.GetUserDelegationKeyAsync(now.AddMinutes(-5), now + DelegationKeyLifetime, cancellationToken).ConfigureAwait(false);
            }

            return _delegationKey;
        }
        finally
        {
            _gate.Release();
        }
    }
}
