using System.Net;
using System.Net.Http.Headers;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Blobs.Sas;

namespace BackOnTrack.IntegrationTests.Storage;

/// <summary>
/// The SAS a school uploads with, tried against Azurite by someone holding only that URL: it does what it was issued
/// for and nothing else.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class UploadSasOnAzurite(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _school = AzuriteFixture.UniqueSchool();
    private readonly string _otherSchool = AzuriteFixture.UniqueSchool();
    private readonly HttpClient _anonymous = new();
    private UploadSasIssuer _issuer = null!;

    public async Task InitializeAsync()
    {
        await azurite.Account.Blobs.CreateContainerIfNotExistsAsync(HubStorageNames.Containers.Drops);
        _issuer = new UploadSasIssuer(azurite.Connection, azurite.Account.Blobs, TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        _anonymous.Dispose();
        _issuer.Dispose();
        return Task.CompletedTask;
    }

    private async Task<Uri> IssueAsync(string blobName, BlobSasAccess access, TimeSpan? lifetime = null) =>
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
        var sas = await IssueAsync(blob, BlobSasAccess.Create);

        Assert.Equal(HttpStatusCode.Created, await PutAsync(sas));
        Assert.Equal("URN,UPN\r\n", await ReadWithTheHubsKeyAsync(blob));

        using (var read = await _anonymous.GetAsync(sas))
        {
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        var containerList = new Uri($"{azurite.Account.Blobs.GetBlobUri(HubStorageNames.Containers.Drops, "x").AbsoluteUri[..^2]}?restype=container&comp=list&{sas.Query.TrimStart('?')}");
        using (var list = await _anonymous.GetAsync(containerList))
        {
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.Created, await PutAsync(sas, "overwritten"));
        Assert.Equal("URN,UPN\r\n", await ReadWithTheHubsKeyAsync(blob));
    }

    [Fact]
    public async Task ASasForOneNameCannotWriteAnotherNameOrAnotherSchoolsPrefix()
    {
        var blob = $"{_school}/attendance.csv";
        var sas = await IssueAsync(blob, BlobSasAccess.Create);

        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(Renamed(sas, blob, $"{_school}/other.csv")));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(Renamed(sas, blob, $"{_otherSchool}/attendance.csv")));
        Assert.Null(await azurite.Account.Blobs.GetPropertiesAsync(HubStorageNames.Containers.Drops, $"{_school}/other.csv"));
        Assert.Null(await azurite.Account.Blobs.GetPropertiesAsync(HubStorageNames.Containers.Drops, $"{_otherSchool}/attendance.csv"));
    }

    [Fact]
    public async Task AWriteSasReplacesItsOneBlob()
    {
        var blob = $"{_school}/register.csv";
        await azurite.Account.Blobs.UploadAsync(HubStorageNames.Containers.Drops, blob, new MemoryStream("first"u8.ToArray()));
        var sas = await IssueAsync(blob, BlobSasAccess.Write);

        Assert.Equal(HttpStatusCode.Created, await PutAsync(sas, "second"));

        Assert.Equal("second", await ReadWithTheHubsKeyAsync(blob));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(Renamed(sas, blob, $"{_school}/another.csv")));
    }

    [Fact]
    public async Task AnExpiredSasIsRefused()
    {
        var sas = await IssueAsync($"{_school}/late.csv", BlobSasAccess.Create, TimeSpan.FromSeconds(-30));

        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(sas));
    }

    private async Task<string> ReadWithTheHubsKeyAsync(string blob)
    {
        using var download = await azurite.Account.Blobs.DownloadStreamingAsync(HubStorageNames.Containers.Drops, blob);
        using var reader = new StreamReader(download.Content);
        return await reader.ReadToEndAsync();
    }
}
