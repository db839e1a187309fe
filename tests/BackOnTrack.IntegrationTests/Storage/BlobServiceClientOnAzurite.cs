using System.Text;
using Azure;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Blobs;

namespace BackOnTrack.IntegrationTests.Storage;

[Collection(AzuriteGroup.Name)]
public class BlobServiceClientOnAzurite(AzuriteFixture azurite)
{
    private readonly BlobServiceClient _blobs = azurite.Account.Blobs;
    private readonly string _container = AzuriteFixture.UniqueName("drops");

    private async Task<BlobProperties> PutAsync(string name, string text, BlobUploadOptions? options = null)
    {
        await _blobs.CreateContainerIfNotExistsAsync(_container);
        return await _blobs.UploadAsync(_container, name, Encoding.UTF8.GetBytes(text), options);
    }

    private async Task<string> ReadAsync(string name)
    {
        using var download = await _blobs.DownloadStreamingAsync(_container, name);
        using var reader = new StreamReader(download.Content);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task CreatesAContainerOnceAndReportsItExistedAfterwards()
    {
        Assert.True(await _blobs.CreateContainerIfNotExistsAsync(_container));
        Assert.False(await _blobs.CreateContainerIfNotExistsAsync(_container));
    }

    [Fact]
    public async Task PutsAndStreamsBackABlobWithItsProperties()
    {
        var put = await PutAsync("1234567/exclusions autumn.csv", "UPN,Category\nA123456789012,FIXD\n", new BlobUploadOptions { ContentType = "text/csv" });

        using var download = await _blobs.DownloadStreamingAsync(_container, "1234567/exclusions autumn.csv");
        using var reader = new StreamReader(download.Content);

        Assert.Equal("UPN,Category\nA123456789012,FIXD\n", await reader.ReadToEndAsync());
        Assert.Equal(put.ETag, download.Properties.ETag);
        Assert.Equal("text/csv", download.Properties.ContentType);
        Assert.Equal(32, download.Properties.ContentLength);
    }

    [Fact]
    public async Task StreamsAnUploadFromAStreamThatCannotSeek()
    {
        await _blobs.CreateContainerIfNotExistsAsync(_container);
        var bytes = Encoding.UTF8.GetBytes(new string('x', 200_000));
        await using var oneWay = new OneWayStream(bytes);

        await _blobs.UploadAsync(_container, "big.csv", oneWay);

        Assert.Equal(200_000, (await _blobs.GetPropertiesAsync(_container, "big.csv"))!.ContentLength);
    }

    [Fact]
    public async Task ReadsPropertiesAndMetadataAndNullForAMissingBlob()
    {
        await PutAsync("a.csv", "x", new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["source"] = "mis" } });

        var properties = await _blobs.GetPropertiesAsync(_container, "a.csv");

        Assert.NotNull(properties);
        Assert.Equal("mis", properties.Metadata["source"]);
        Assert.Null(await _blobs.GetPropertiesAsync(_container, "missing.csv"));
    }

    [Fact]
    public async Task ReplacesMetadataAndChangesTheETag()
    {
        var put = await PutAsync("a.csv", "x", new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["old"] = "1" } });

        var etag = await _blobs.SetMetadataAsync(_container, "a.csv", new Dictionary<string, string> { ["dropid"] = "abc" });
        var properties = await _blobs.GetPropertiesAsync(_container, "a.csv");

        Assert.NotEqual(put.ETag, etag);
        Assert.Equal(etag, properties!.ETag);
        Assert.Equal("abc", properties.Metadata["dropid"]);
        Assert.False(properties.Metadata.ContainsKey("old"));
    }

    [Fact]
    public async Task ListsByPrefixAcrossSeveralPages()
    {
        for (var i = 0; i < 5; i++)
        {
            await PutAsync($"1234567/drop{i}.csv", "x");
        }

        await PutAsync("7654321/other.csv", "x");

        var first = await _blobs.ListBlobsPageAsync(_container, "1234567/", marker: null, pageSize: 2);
        var all = new List<string>();
        await foreach (var blob in _blobs.ListBlobsAsync(_container, "1234567/", pageSize: 2))
        {
            all.Add(blob.Name);
        }

        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.NextMarker);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"1234567/drop{i}.csv"), all);
    }

    [Fact]
    public async Task CopiesABlobWithinTheAccount()
    {
        await PutAsync("1234567/bad.csv", "garbage");
        var quarantine = AzuriteFixture.UniqueName("quarantine");
        await _blobs.CreateContainerIfNotExistsAsync(quarantine);

        var copy = await _blobs.CopyAsync(_container, "1234567/bad.csv", quarantine, "1234567/bad.csv");

        Assert.Equal(7, copy.ContentLength);
        using var download = await _blobs.DownloadStreamingAsync(quarantine, "1234567/bad.csv");
        Assert.Equal("garbage", await new StreamReader(download.Content).ReadToEndAsync());
    }

    [Fact]
    public async Task DeletesABlobAndReportsWhenThereWasNone()
    {
        await PutAsync("a.csv", "x");

        Assert.True(await _blobs.DeleteIfExistsAsync(_container, "a.csv"));
        Assert.False(await _blobs.DeleteIfExistsAsync(_container, "a.csv"));
        Assert.Null(await _blobs.GetPropertiesAsync(_container, "a.csv"));
    }

    [Fact]
    public async Task RefusesACreateOnlyUploadOverAnExistingBlobWith409()
    {
        await PutAsync("1234567/a.csv", "first");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            _blobs.UploadAsync(_container, "1234567/a.csv", "second"u8.ToArray(), new BlobUploadOptions { Conditions = BlobConditions.CreateOnly }));

        Assert.Equal(409, error.Status);
        Assert.Equal("BlobAlreadyExists", error.ErrorCode);
        Assert.Equal("first", await ReadAsync("1234567/a.csv"));
    }

    [Fact]
    public async Task CreatesWithCreateOnlyWhenTheNameIsFree()
    {
        await _blobs.CreateContainerIfNotExistsAsync(_container);

        await _blobs.UploadAsync(_container, "new.csv", "x"u8.ToArray(), new BlobUploadOptions { Conditions = BlobConditions.CreateOnly });

        Assert.Equal("x", await ReadAsync("new.csv"));
    }

    [Fact]
    public async Task RefusesAnUploadOverAChangedBlobWith412()
    {
        var first = await PutAsync("a.csv", "v1");
        await PutAsync("a.csv", "v2");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            _blobs.UploadAsync(_container, "a.csv", "v3"u8.ToArray(), new BlobUploadOptions { Conditions = BlobConditions.IfMatchETag(first.ETag) }));

        Assert.Equal(412, error.Status);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        Assert.Equal("v2", await ReadAsync("a.csv"));
    }

    [Fact]
    public async Task ReportsAMissingBlobAs404WithTheServiceCode()
    {
        await _blobs.CreateContainerIfNotExistsAsync(_container);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _blobs.DownloadStreamingAsync(_container, "missing.csv"));

        Assert.Equal(404, error.Status);
        Assert.Equal("BlobNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GivesAClearAuthenticationErrorForAWrongAccountKey()
    {
        var wrongKey = azurite.Connection with { AccountKey = Convert.FromBase64String("d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXk=") };
        using var account = StorageAccount.Create(wrongKey);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => account.Blobs.CreateContainerIfNotExistsAsync(_container));

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailure", error.ErrorCode);
        Assert.Contains("could not authenticate", error.Message, StringComparison.Ordinal);
    }

    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
