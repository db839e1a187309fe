using System.Net.Http.Headers;
using Azure.Core;

namespace BackOnTrack.Storage.Pipeline;

/// <summary>Entra ID bearer tokens for storage, cached until shortly before they expire.</summary>
internal sealed class BearerTokenAuthenticator(TokenCredential credential, TimeProvider timeProvider) : IStorageAuthenticator
{
    private static readonly TokenRequestContext StorageScope = new(["https://storage.azure.com/.default"]);
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private AccessToken? _token;

    public async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Two requests racing past an expired token both fetch one; harmless, and simpler than a lock.
        if (_token is not { } token || token.ExpiresOn - RefreshMargin <= timeProvider.GetUtcNow())
        {
            token = await credential.GetTokenAsync(StorageScope, cancellationToken).ConfigureAwait(false);
            _token = token;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
    }
}
