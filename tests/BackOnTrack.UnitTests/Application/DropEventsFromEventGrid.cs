using BackOnTrack.Application.Ingest;

namespace BackOnTrack.UnitTests.Application;

public sealed class DropEventsFromEventGrid
{
    /// <summary>A BlobCreated event as Event Grid delivers it to a storage queue (Event Grid schema).</summary>
    private const string FromEventGrid = """
        {"topic":"/subscriptions/0000/resourceGroups/rg-backontrack/providers/Microsoft.Storage/storageAccounts/stbackontrack",
         "subject":"/blobServices/default/containers/drops/blobs/3724001/exclusions 2024-25.csv",
         "eventType":"Microsoft.Storage.BlobCreated","id":"6d4c8f6b-001e-0063-1a2b-3c4d5e000000",
         "data":{"api":"PutBlob","clientRequestId":"a1","requestId":"6d4c8f6b-001e-0063-1a2b-3c4d5e000000","eTag":"0x8DD2A1B2C3D4E5F","contentType":"text/csv",
                 "contentLength":2048,"blobType":"BlockBlob","url":"https://stbackontrack.blob.core.windows.net/drops/3724001/exclusions%202024-25.csv",
                 "sequencer":"0000000000000000000000000000000000000000000000000000","storageDiagnostics":{"batchId":"b1"}},
         "dataVersion":"","metadataVersion":"1","eventTime":"2026-12-04T09:15:02.1234567Z"}
        """;

    [Fact]
    public void AnEventFromEventGridNamesTheContainerTheBlobAndItsETag()
    {
        var drop = DropEvents.Parse(FromEventGrid);

        Assert.Equal(("drops", "3724001/exclusions 2024-25.csv", "0x8DD2A1B2C3D4E5F"), (drop.Container, drop.BlobName, drop.ETag));
    }

    [Fact]
    public void AOneEventBatchIsReadAndABatchOfTwoIsRefused()
    {
        Assert.Equal("drops", DropEvents.Parse("[" + FromEventGrid + "]").Container);
        Assert.Throws<FormatException>(() => DropEvents.Parse("[" + FromEventGrid + "," + FromEventGrid + "]"));
    }

    [Fact]
    public void TheEventSweepDropsWritesReadsBackAsTheBlobItNames()
    {
        var message = DropEvents.Create("plans", "semh-action-plan.csv", "\"0x1\"", new Uri("http://127.0.0.1:10000/devstoreaccount1/plans/semh-action-plan.csv"),
            new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero));

        var drop = DropEvents.Parse(message);

        Assert.Equal(("plans", "semh-action-plan.csv", "\"0x1\""), (drop.Container, drop.BlobName, drop.ETag));
        Assert.Contains("\"eventType\":\"Microsoft.Storage.BlobCreated\"", message, StringComparison.Ordinal);
        Assert.Contains("\"eventTime\":\"2026-12-04T06:00:00", message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutABlobInTheSubjectTheDataUrlNamesIt()
    {
        var urlOnly = FromEventGrid.Replace("/blobServices/default/containers/drops/blobs/3724001/exclusions 2024-25.csv", "/blobServices/default", StringComparison.Ordinal);

        var drop = DropEvents.Parse(urlOnly);

        Assert.Equal(("drops", "3724001/exclusions 2024-25.csv"), (drop.Container, drop.BlobName));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"subject\":\"/blobServices/default/containers/drops/blobs/x.csv\"}")]
    public void AMessageThatIsNotAnEventGridEventIsRefused(string message) =>
        Assert.Throws<FormatException>(() => DropEvents.Parse(message));

    [Fact]
    public void AnotherKindOfEventIsRefused() =>
        Assert.Throws<FormatException>(() => DropEvents.Parse(FromEventGrid.Replace("Microsoft.Storage.BlobCreated", "Microsoft.Storage.BlobDeleted", StringComparison.Ordinal)));
}
