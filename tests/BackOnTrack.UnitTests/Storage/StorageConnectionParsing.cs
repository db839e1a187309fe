using BackOnTrack.Storage;

namespace BackOnTrack.UnitTests.Storage;

public class StorageConnectionParsing
{
    [Fact]
    public void ExpandsUseDevelopmentStorageToAzuritesAccountAndPorts()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal(Convert.FromBase64String(StorageConnection.DevelopmentAccountKey), connection.AccountKey);
    }

    [Fact]
    public void BuildsAzureEndpointsFromAccountNameAndSuffix()
    {
        var connection = StorageConnection.Parse("DefaultEndpointsProtocol=https;AccountName=stbackontrack;AccountKey=a2V5;EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://stbackontrack.blob.core.windows.net"), connection.BlobEndpoint);
        Assert.Equal(new Uri("https://stbackontrack.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://stbackontrack.table.core.windows.net"), connection.TableEndpoint);
        Assert.Equal("key"u8.ToArray(), connection.AccountKey);
    }

    [Fact]
    public void UsesExplicitEndpointsWhenGiven()
    {
        var connection = StorageConnection.Parse(
            "AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1;" +
            "QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;TableEndpoint=http://127.0.0.1:41002/devstoreaccount1/");

        Assert.Equal(new Uri("http://127.0.0.1:41000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:41002/devstoreaccount1"), connection.TableEndpoint);
    }

    [Fact]
    public void RejectsAConnectionStringWithoutAKeyAndPointsAtManagedIdentity()
    {
        var error = Assert.Throws<FormatException>(() => StorageConnection.Parse("AccountName=stbackontrack"));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverEchoesAMalformedSegmentThatMightBeTheKey()
    {
        const string secret = "c2VjcmV0LWtleS10aGF0LXNob3VsZC1uZXZlci1sZWFr";
        var error = Assert.Throws<FormatException>(() => StorageConnection.Parse($"AccountName=a;{secret}"));

        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }
}
