using System.Net;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;
using BackOnTrack.Storage;
using BackOnTrack.Core.Ports;
using BackOnTrack.Storage.Files;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BackOnTrack.UnitTests.Storage;

/// <summary>
/// The scope of the upload SAS the hub issues, and how it obtains the delegation key that signs one in Azure (where
/// Shared Key is off). What the storage service then allows is tested on Azurite.
/// </summary>
public sealed class UploadSasIssuing
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private const string DelegationKeyAnswer =
        """
        <?xml version="1.0" encoding="utf-8"?>
        <UserDelegationKey><SignedOid>3f4a5b6c-0000-4000-8000-000000000001</SignedOid><SignedTid>72f988bf-0000-4000-8000-000000000002</SignedTid><SignedStart>2026-11-23T08:55:00Z</SignedStart><SignedExpiry>2026-11-23T15:00:00Z</SignedExpiry><SignedService>b</SignedService><SignedVersion>2026-06-06</SignedVersion><Value>YS11c2VyLWRlbGVnYXRpb24ta2V5LW9mLTMyLWJ5dGU=</Value></UserDelegationKey>
        """;

    /// <summary>Azurite's well-known development key (public, documented by Microsoft), under another account's name.</summary>
    private const string TestKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static StorageAccess WithKey(string blobEndpoint) =>
        StorageAccess.FromConnectionString($"AccountName=semhhubst;AccountKey={TestKey};BlobEndpoint={blobEndpoint};QueueEndpoint=https://q;TableEndpoint=https://t");

    [Fact]
    public async Task AServiceSasIsForOneBlobOnlyOverHttpsWithNoStartTime()
    {
        using var issuer = new UploadSasIssuer(StorageSdkClients.Blobs(WithKey("https://semhhubst.blob.core.windows.net")), new FakeTimeProvider(Now));

        var (url, expiresOn) = await issuer.IssueAsync("drops", "3721100/exclusions-2025-26.csv", UploadAccess.Create, TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.Equal("https://semhhubst.blob.core.windows.net/drops/3721100/exclusions-2025-26.csv", url.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(("c", "b", "https", "2026-11-23T09:15:00Z"), (query["sp"], query["sr"], query["spr"], query["se"]));
        Assert.Equal(Now.AddMinutes(15), expiresOn);
        Assert.Null(query["st"]);
        Assert.Null(query["skoid"]);
        Assert.NotEmpty(query["sig"]!);
    }

    [Fact]
    public async Task AWriteSasOnALoopbackEndpointAlsoAllowsPlainHttp()
    {
        using var issuer = new UploadSasIssuer(StorageSdkClients.Blobs(WithKey("http://127.0.0.1:10000/devstoreaccount1")), new FakeTimeProvider(Now));

        var (url, _) = await issuer.IssueAsync("drops", "3721100/register.csv", UploadAccess.Write, TimeSpan.FromMinutes(15), CancellationToken.None);

        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(("w", "https,http"), (query["sp"], query["spr"]));
    }

    [Fact]
    public async Task WithATokenCredentialItAsksOnceForADelegationKeyAndSignsWithIt()
    {
        var transport = new ScriptedHttpHandler().Then(HttpStatusCode.OK, r => r.Content = new StringContent(DelegationKeyAnswer));
        var clock = new FakeTimeProvider(Now);
        using var issuer = new UploadSasIssuer(Delegating(transport), clock);

        var (first, _) = await issuer.IssueAsync("drops", "3721100/a.csv", UploadAccess.Create, TimeSpan.FromMinutes(15), CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(2));
        var (second, _) = await issuer.IssueAsync("drops", "3721100/b.csv", UploadAccess.Create, TimeSpan.FromMinutes(15), CancellationToken.None);

        var (method, uri, authorization) = Assert.Single(transport.Requests);
        Assert.Equal((HttpMethod.Post, "Bearer storage-token"), (method, authorization));
        Assert.Equal("?restype=service&comp=userdelegationkey", uri.Query);
        foreach (var url in new[] { first, second })
        {
            var query = HttpUtility.ParseQueryString(url.Query);
            Assert.Equal(
                ("3f4a5b6c-0000-4000-8000-000000000001", "72f988bf-0000-4000-8000-000000000002", "2026-11-23T15:00:00Z", "c", "b", "https"),
                (query["skoid"], query["sktid"], query["ske"], query["sp"], query["sr"], query["spr"]));
        }
    }

    [Fact]
    public async Task ADelegationKeyCloseToItsExpiryIsReplacedBeforeSigning()
    {
        var transport = new ScriptedHttpHandler()
            .Then(HttpStatusCode.OK, r => r.Content = new StringContent(DelegationKeyAnswer))
            .Then(HttpStatusCode.OK, r => r.Content = new StringContent(DelegationKeyAnswer.Replace("2026-11-23T15:00:00Z", "2026-11-23T20:00:00Z", StringComparison.Ordinal)));
        var clock = new FakeTimeProvider(Now);
        using var issuer = new UploadSasIssuer(Delegating(transport), clock);

        await issuer.IssueAsync("drops", "3721100/a.csv", UploadAccess.Create, TimeSpan.FromMinutes(15), CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(5));
        var (late, _) = await issuer.IssueAsync("drops", "3721100/b.csv", UploadAccess.Create, TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.Equal(2, transport.Requests.Count);
        Assert.Equal("2026-11-23T20:00:00Z", HttpUtility.ParseQueryString(late.Query)["ske"]);
    }

    private static Azure.Storage.Blobs.BlobServiceClient Delegating(ScriptedHttpHandler transport) =>
        StorageSdkClients.Blobs(
            StorageAccess.FromAccountName("semhhubst", new StaticToken()),
            new StorageClientOptions { MaxRetries = 0 },
            new HttpClientTransport(new HttpClient(transport)));

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("storage-token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
