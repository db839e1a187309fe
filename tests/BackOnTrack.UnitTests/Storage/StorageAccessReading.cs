using Azure.Core;
using BackOnTrack.Storage;
using Microsoft.Extensions.Configuration;

namespace BackOnTrack.UnitTests.Storage;

/// <summary>How the hub reads which account to use from the settings the Functions host reads, and what the SDK's clients then point at.</summary>
public sealed class StorageAccessReading
{
    private static StorageAccess Read(params (string Key, string Value)[] settings) =>
        StorageServiceCollectionExtensions.ReadAccess(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void UseDevelopmentStorageIsAzuritesAccountOnItsUsualPorts()
    {
        var access = Read(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        Assert.Equal(StorageAccess.DevelopmentAccountName, access.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), StorageSdkClients.Blobs(access).Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), StorageSdkClients.Queues(access).Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), StorageSdkClients.Tables(access).Uri);
    }

    [Fact]
    public void ExplicitEndpointsInAConnectionStringAreWhereTheClientsGo()
    {
        var access = StorageAccess.FromConnectionString(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1;" +
            "QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;TableEndpoint=http://127.0.0.1:41002/devstoreaccount1");

        Assert.Equal(new Uri("http://127.0.0.1:41000/devstoreaccount1"), StorageSdkClients.Blobs(access).Uri);
        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1"), StorageSdkClients.Queues(access).Uri);
        Assert.Equal(new Uri("http://127.0.0.1:41002/devstoreaccount1"), StorageSdkClients.Tables(access).Uri);
    }

    [Fact]
    public void AConnectionStringWithoutAKeyIsRefusedWithAPointerToManagedIdentity()
    {
        var error = Assert.Throws<FormatException>(() => Read(("AzureWebJobsStorage", "AccountName=stbackontrack")));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedSegmentThatMightBeTheKeyIsNeverEchoed()
    {
        const string secret = "c2VjcmV0LWtleS10aGF0LXNob3VsZC1uZXZlci1sZWFr";

        var error = Assert.Throws<FormatException>(() => StorageAccess.FromConnectionString($"AccountName=a;{secret}"));

        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAccountNameAloneMeansAzuresEndpointsAndAManagedIdentity()
    {
        var access = Read(("AzureWebJobsStorage:accountName", "stbackontrack"), ("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", "6f1c2d3e-0000-4000-8000-000000000001"));

        Assert.Null(access.ConnectionString);
        Assert.IsAssignableFrom<TokenCredential>(access.Credential);
        Assert.Equal(new Uri("https://stbackontrack.blob.core.windows.net"), StorageSdkClients.Blobs(access).Uri);
        Assert.Equal(new Uri("https://stbackontrack.queue.core.windows.net"), StorageSdkClients.Queues(access).Uri);
        Assert.Equal(new Uri("https://stbackontrack.table.core.windows.net"), StorageSdkClients.Tables(access).Uri);
    }

    [Fact]
    public void AConnectionStringWinsOverIdentitySettingsAsInTheFunctionsHost()
    {
        var access = Read(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("AzureWebJobsStorage:accountName", "stbackontrack"));

        Assert.Equal(StorageAccess.DevelopmentAccountName, access.AccountName);
        Assert.NotNull(access.ConnectionString);
    }

    [Fact]
    public void NoStorageSettingAtAllSaysWhichToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read());

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }
}
