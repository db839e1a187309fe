namespace BackOnTrack.Storage.Pipeline;

/// <summary>Adds the Authorization header to a request that already carries its <c>x-ms-date</c> and content.</summary>
internal interface IStorageAuthenticator
{
    ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}
