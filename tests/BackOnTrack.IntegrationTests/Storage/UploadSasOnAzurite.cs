using System.Net;
using System.Net.Http.Headers;
using System.Web;
using Azure.Storage.Blobs;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Core.Ports;
using BackOnTrack.Storage.Files;

namespace BackOnTrack.IntegrationTests.Storage;

/// <summary>
/// The SAS a school uploads with, tried against Azurite by someone holding only that URL: it does what it was issued
/// for and nothing else. Run for both kinds the hub issues: below, the service SAS (account key) and the user
/// delegation SAS (token credential).
/// </summary>
public abstract class UploadSasOnAzurite : IAsyncLifetime
{
    private readonly string _school = AzuriteFixture.UniqueSchool();
    private readonly string _otherSchool = AzuriteFixture.UniqueSchool();
    private UploadSasIssuer _issuer = null!;
    private HttpClient _anonymous = null!;

    /// <summary>The hub's own client of the account (key or token), which sets up and checks what the SAS did.</summary>
    protected BlobContainerClient Drops { get; private set; } = null!;

    protected abstract Task<(BlobServiceClient Hub, HttpMessageHandler AnonymousTransport)> ConnectAsync();

    public virtual async Task InitializeAsync()
    {
        var (hub, anonymous) = await ConnectAsync();
        Drops = hub.GetBlobContainerClient(HubStorageNames.Containers.Drops);
        await Drops.CreateIfNotExistsAsync();
        _issuer = new UploadSasIssuer(hub, TimeProvider.System);
        _anonymous = new HttpClient(anonymous);
    }

    public virtual Task DisposeAsync()
    {
        _anonymous.Dispose();
        _issuer.Dispose();
        return Task.CompletedTask;
    }

    protected async Task<Uri> IssueAsync(string blobName, UploadAccess access, TimeSpan? lifetime = null) =>
        (await _issuer.IssueAsync(HubStorageNames.Containers.Drops, blobName, access, lifetime ?? TimeSpan.FromMinutes(10), CancellationToken.None)).Url;

    private async Task<HttpStatusCode> PutAsync(Uri url, string text = "URN,UPN\r\n")
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(text) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await _anonymous.SendAsync(request);
        return response.StatusCode;
    }

    private static Uri Renamed(Uri sas, string fromBlob, string toBlob) => new(sas.AbsoluteUri.Replace(fromBlob, toBlob, StringComparison.Ordinal));

    [Fact]
    public async Task ACreateSasWritesItsOneNewBlobAndCannotReadListOrOverwriteIt()
    {
        var blob = $"{_school}/exclusions-2025-26.csv";
        var sas = await IssueAsync(blob, UploadAccess.Create);

        Assert.Equal(HttpStatusCode.Created, await PutAsync(sas));
        Assert.Equal("URN,UPN\r\n", await ReadWithTheHubsClientAsync(blob));

        using (var read = await _anonymous.GetAsync(sas))
        {
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        var containerList = new Uri($"{Drops.Uri.AbsoluteUri}?restype=container&comp=list&{sas.Query.TrimStart('?')}");
        using (var list = await _anonymous.GetAsync(containerList))
        {
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.Created, await PutAsync(sas, "overwritten"));
        Assert.Equal("URN,UPN\r\n", await ReadWithTheHubsClientAsync(blob));
    }

    [Fact]
    public async Task ASasForOneNameCannotWriteAnotherNameOrAnotherSchoolsPrefix()
    {
        var blob = $"{_school}/attendance.csv";
        var sas = await IssueAsync(blob, UploadAccess.Create);

        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(Renamed(sas, blob, $"{_school}/other.csv")));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(Renamed(sas, blob, $"{_otherSchool}/attendance.csv")));
        Assert.False(await Drops.GetBlobClient($"{_school}/other.csv").ExistsAsync());
        Assert.False(await Drops.GetBlobClient($"{_otherSchool}/attendance.csv").ExistsAsync());
    }

    [Fact]
    public async Task AWriteSasReplacesItsOneBlob()
    {
        var blob = $"{_school}/register.csv";
        await Drops.UploadBlobAsync(blob, BinaryData.FromString("first"));
        var sas = await IssueAsync(blob, UploadAccess.Write);

        Assert.Equal(HttpStatusCode.Created, await PutAsync(sas, "second"));

        Assert.Equal("second", await ReadWithTheHubsClientAsync(blob));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(Renamed(sas, blob, $"{_school}/another.csv")));
    }

    [Fact]
    public async Task AnExpiredSasIsRefused()
    {
        var sas = await IssueAsync($"{_school}/late.csv", UploadAccess.Create, TimeSpan.FromSeconds(-30));

        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(sas));
        Assert.False(await Drops.GetBlobClient($"{_school}/late.csv").ExistsAsync());
    }

    private async Task<string> ReadWithTheHubsClientAsync(string blob) =>
        (await Drops.GetBlobClient(blob).DownloadContentAsync()).Value.Content.ToString();
}

/// <summary>Locally (Azurite, a connection string with the account key) the hub issues a service SAS.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ServiceSasOnAzurite(AzuriteFixture azurite) : UploadSasOnAzurite
{
    protected override Task<(BlobServiceClient Hub, HttpMessageHandler AnonymousTransport)> ConnectAsync() =>
        Task.FromResult((StorageSdkClients.Blobs(azurite.Access), (HttpMessageHandler)new SocketsHttpHandler()));

    [Fact]
    public async Task TheUrlIsAServiceSasSignedWithTheAccountKey()
    {
        var query = HttpUtility.ParseQueryString((await IssueAsync($"{AzuriteFixture.UniqueSchool()}/a.csv", UploadAccess.Create)).Query);

        Assert.Null(query["skoid"]);
        Assert.Equal("b", query["sr"]);
    }
}

/// <summary>
/// In Azure (Shared Key off, managed identity) the hub issues a user delegation SAS; here on an Azurite that takes
/// bearer tokens over HTTPS, with no account key anywhere on the hub's side.
/// </summary>
public sealed class UserDelegationSasOnAzurite : UploadSasOnAzurite
{
    private OAuthAzurite _azurite = null!;

    protected override Task<(BlobServiceClient Hub, HttpMessageHandler AnonymousTransport)> ConnectAsync()
    {
        _azurite = OAuthAzurite.Start();
        return Task.FromResult((StorageSdkClients.Blobs(_azurite.Access, transport: _azurite.TrustingTransport()), _azurite.TrustingHandler()));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _azurite.Dispose();
    }

    [Fact]
    public async Task TheUrlIsAUserDelegationSasForTheHubsIdentity()
    {
        var query = HttpUtility.ParseQueryString((await IssueAsync($"{AzuriteFixture.UniqueSchool()}/a.csv", UploadAccess.Create)).Query);

        Assert.Equal("3f4a5b6c-0000-4000-8000-000000000001", query["skoid"]);
        Assert.Equal("b", query["sr"]);
    }
}
