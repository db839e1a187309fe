using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Azure.Core;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Blobs.Sas;
using BackOnTrack.UnitTests.Support;

namespace BackOnTrack.UnitTests.Storage;

/// <summary>
/// The user delegation SAS the hub issues in Azure, where Shared Key is off (Azurite cannot issue delegation keys, so
/// this signing is checked here against the string-to-sign Azure Storage documents for signed version 2020-12-06).
/// </summary>
public sealed class UserDelegationSasSigning
{
    private static readonly UserDelegationKey Key = new(
        "3f4a5b6c-0000-4000-8000-000000000001",
        "72f988bf-0000-4000-8000-000000000002",
        new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero),
        "b",
        "2025-11-05",
        Convert.ToBase64String(Encoding.ASCII.GetBytes("a-user-delegation-key-of-32-byte")));

    private static readonly Uri BlobUri = new("https://semhhubst.blob.core.windows.net/drops/3721100/exclusions-2025-26.csv");
    private static readonly DateTimeOffset Expiry = new(2026, 11, 23, 9, 15, 0, TimeSpan.Zero);

    [Fact]
    public void SignsTheDocumentedFieldsInTheirOrderWithTheDelegationKey()
    {
        var query = HttpUtility.ParseQueryString(BlobSasSigner.UserDelegationSas(BlobUri, "semhhubst", Key, "drops", "3721100/exclusions-2025-26.csv", BlobSasAccess.Create, Expiry));

        // signedPermissions, signedStart, signedExpiry, canonicalizedResource, signedKeyObjectId, signedKeyTenantId,
        // signedKeyStart, signedKeyExpiry, signedKeyService, signedKeyVersion, signedAuthorizedUserObjectId,
        // signedUnauthorizedUserObjectId, signedCorrelationId, signedIP, signedProtocol, signedVersion, signedResource,
        // signedSnapshotTime, signedEncryptionScope, rscc, rscd, rsce, rscl, rsct.
        const string expectedStringToSign =
            "c\n\n2026-11-23T09:15:00Z\n/blob/semhhubst/drops/3721100/exclusions-2025-26.csv\n" +
            "3f4a5b6c-0000-4000-8000-000000000001\n72f988bf-0000-4000-8000-000000000002\n2026-11-23T09:00:00Z\n2026-11-23T15:00:00Z\nb\n2025-11-05\n" +
            "\n\n\n\nhttps\n2020-12-06\nb\n\n\n\n\n\n\n";
        var expectedSignature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Key.Value), Encoding.UTF8.GetBytes(expectedStringToSign)));

        Assert.Equal(expectedSignature, query["sig"]);
        Assert.Equal(
            ("2020-12-06", "https", "2026-11-23T09:15:00Z", "b", "c"),
            (query["sv"], query["spr"], query["se"], query["sr"], query["sp"]));
        Assert.Equal(
            (Key.SignedObjectId, Key.SignedTenantId, "2026-11-23T09:00:00Z", "2026-11-23T15:00:00Z", "b", "2025-11-05"),
            (query["skoid"], query["sktid"], query["skt"], query["ske"], query["sks"], query["skv"]));
        Assert.Null(query["st"]);
        Assert.Null(query["sip"]);
    }

    [Fact]
    public void AServiceSasHasTheSameScopeWithoutTheDelegationFields()
    {
        var accountKey = Encoding.ASCII.GetBytes("an-account-key-for-this-test-only");
        var query = HttpUtility.ParseQueryString(BlobSasSigner.ServiceSas(BlobUri, "semhhubst", accountKey, "drops", "3721100/exclusions-2025-26.csv", BlobSasAccess.Write, Expiry));

        const string expectedStringToSign = "w\n\n2026-11-23T09:15:00Z\n/blob/semhhubst/drops/3721100/exclusions-2025-26.csv\n\n\nhttps\n2020-12-06\nb\n\n\n\n\n\n\n";
        Assert.Equal(Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(expectedStringToSign))), query["sig"]);
        Assert.Equal(("w", "b"), (query["sp"], query["sr"]));
        Assert.Null(query["skoid"]);
    }

    [Fact]
    public void ASasCannotOutliveItsDelegationKey() =>
        Assert.Throws<ArgumentException>(() =>
            BlobSasSigner.UserDelegationSas(BlobUri, "semhhubst", Key, "drops", "3721100/a.csv", BlobSasAccess.Create, Key.SignedExpiresOn.AddMinutes(1)));

    [Fact]
    public async Task AsksForTheDelegationKeyWithABearerTokenAndReadsTheServicesAnswer()
    {
        var transport = new ScriptedHttpHandler().Then(HttpStatusCode.OK, r => r.Content = new StringContent(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <UserDelegationKey><SignedOid>3f4a5b6c-0000-4000-8000-000000000001</SignedOid><SignedTid>72f988bf-0000-4000-8000-000000000002</SignedTid><SignedStart>2026-11-23T09:00:00Z</SignedStart><SignedExpiry>2026-11-23T15:00:00Z</SignedExpiry><SignedService>b</SignedService><SignedVersion>2025-11-05</SignedVersion><Value>YS11c2VyLWRlbGVnYXRpb24ta2V5LW9mLTMyLWJ5dGU=</Value></UserDelegationKey>
            """));
        using var account = StorageAccount.Create(
            StorageConnection.FromAccountName("semhhubst", new StaticToken()), timeProvider: new FakeTimeProvider(), transport: transport);

        var key = await account.Blobs.GetUserDelegationKeyAsync(Key.SignedStartsOn, Key.SignedExpiresOn);

        Assert.Equal(Key, key);
        var (method, uri, authorization) = Assert.Single(transport.Requests);
        Assert.Equal((HttpMethod.Post, "https://semhhubst.blob.core.windows.net/?restype=service&comp=userdelegationkey", "Bearer storage-token"), (method, uri.AbsoluteUri, authorization));
    }

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("storage-token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
