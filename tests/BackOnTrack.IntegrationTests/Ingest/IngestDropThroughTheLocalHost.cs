using BackOnTrack.Tests.Storage;
using System.Text.Json;
using BackOnTrack.Core.Drops;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;

namespace BackOnTrack.IntegrationTests.Ingest;

/// <summary>Data drops ingested end to end: blob upload, drop event, local host, handler, tables, reports.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class IngestDropThroughTheLocalHost(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2025, 9, 1);
    private readonly string _school = AzuriteFixture.UniqueSchool();
    private TestHub _hub = null!;

    private TestStorage Storage => _hub.Storage;
    private string ExclusionsPartition => $"{_school}_2024-25";

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(azurite, AsOf);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task UploadAndIngestAsync(string fixture, string fileName)
    {
        var blob = $"{_school}/{fileName}";
        await _hub.UploadFixtureAsync(fixture, blob);
        await _hub.SendBlobCreatedAsync(blob);
        var report = await _hub.RunOnceAsync(withTimers: false);
        Assert.True(report.AllSucceeded, "A message went to poison or a function failed.");
    }

    private async Task<DataDrop> SingleDropAsync(DropStatus status) =>
        Assert.Single(await new DataDropStore(Storage.TableService).ListAsync(_school, CancellationToken.None), d => d.Status == status);

    private async Task<JsonDocument> ReportAsync(DataDrop drop)
    {
        using var download = await Storage.OpenReadAsync(HubStorageNames.Containers.Reports, drop.ReportBlob!);
        return await JsonDocument.ParseAsync(download);
    }

    [Fact]
    public async Task LandsEveryRowOfACleanFile()
    {
        await UploadAndIngestAsync("exclusions-2024-25.csv", "exclusions.csv");

        var drop = await SingleDropAsync(DropStatus.Processed);
        var rows = await TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.Exclusions, ExclusionsPartition);
        Assert.Equal(("Exclusions", "Table", 6, 6, 0), (drop.Kind, drop.Layout, drop.RowsRead, drop.RowsAccepted, drop.RowsRejected));
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(drop.DropId, r[IngestEntities.SourceDropId]));
        var permanent = Assert.Single(rows, r => (string)r["Category"]! == "PERM");
        Assert.False(permanent.ContainsKey("Sessions"));
        Assert.Equal(new DateTimeOffset(2025, 1, 21, 0, 0, 0, TimeSpan.Zero), permanent.GetDateTimeOffset("StartDate"));
        Assert.Equal(2, rows.Count(r => r.GetString("PupilKey") == rows.Single(p => p.GetInt32("Sessions") == 4).GetString("PupilKey")));
        using var report = await ReportAsync(drop);
        Assert.Equal(["Forename", "Surname"], report.RootElement.GetProperty("personalColumnsDropped").EnumerateArray().Select(c => c.GetString()));
        // The drop asked for its school-year's metrics, and RecomputeMetrics answered in the same run.
        var figures = await new MetricsStore(Storage.TableService).ReadAsync(_school, "2024-25", CancellationToken.None);
        Assert.Equal(4, Assert.Single(figures, f => f.Period == "YEAR" && f.Breakdown == "All").Values.Susp);
        // It asked for the returns list too, and SyncTracker pushed the term's returns in the same run.
        Assert.Contains(_hub.Logs.Lines, l => l.Contains("Tracker sync of the returns list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LandsTheGoodRowsOfAMixedFileAndReportsTheBadOnesByRowNumber()
    {
        await UploadAndIngestAsync("exclusions-mixed.csv", "mixed.csv");

        var drop = await SingleDropAsync(DropStatus.Processed);
        Assert.Equal((10, 8, 2), (drop.RowsRead, drop.RowsAccepted, drop.RowsRejected));
        Assert.Equal(8, (await TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.Exclusions, ExclusionsPartition)).Count);
        using var report = await ReportAsync(drop);
        var rejections = report.RootElement.GetProperty("rejections").EnumerateArray()
            .Select(r => (r.GetProperty("rowNumber").GetInt32(), r.GetProperty("column").GetString())).ToList();
        Assert.Equal([(4, "UPN"), (7, "StartDate")], rejections);
        using var csv = await Storage.OpenReadAsync(HubStorageNames.Containers.Reports, drop.ReportBlob!.Replace(".json", ".csv", StringComparison.Ordinal));
        var lines = (await new StreamReader(csv).ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,column,reason", lines[0]);
        Assert.StartsWith("4,\"UPN\",", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("7,\"StartDate\",", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("corrupt.xlsx", "attendance.xlsx")]
    [InlineData("notes.csv", "notes.csv")]
    public async Task QuarantinesAFileItCannotUseWithItsReport(string fixture, string fileName)
    {
        await UploadAndIngestAsync(fixture, fileName);

        var drop = await SingleDropAsync(DropStatus.Rejected);
        Assert.False(string.IsNullOrWhiteSpace(drop.Reason));
        var quarantined = new List<string>();
        await foreach (var blob in Storage.ListAsync(HubStorageNames.Containers.Quarantine, $"{_school}/{drop.DropId}/"))
        {
            quarantined.Add(blob.Name);
        }

        Assert.Equal([$"{_school}/{drop.DropId}/{fileName}", $"{_school}/{drop.DropId}/report.json"], quarantined.Order(StringComparer.Ordinal));
        using var report = await ReportAsync(drop);
        Assert.Equal("Rejected", report.RootElement.GetProperty("status").GetString());
        Assert.Equal(drop.Reason, report.RootElement.GetProperty("reason").GetString());
        Assert.Empty(await TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.Exclusions, ExclusionsPartition));
        var receipt = await new BlobReceiptStore(Storage.TableService).GetAsync(HubStorageNames.Containers.Drops, $"{_school}/{fileName}", CancellationToken.None);
        Assert.Equal(ReceiptStatus.Rejected, receipt!.Status);
    }

    [Fact]
    public async Task TheSameFileTwiceGivesIdenticalTablesAndADuplicateReceipt()
    {
        await UploadAndIngestAsync("exclusions-2024-25.csv", "exclusions.csv");
        var before = await TableSnapshots.OfPartitionAsync(_hub.Tables(), HubStorageNames.Tables.Exclusions, ExclusionsPartition);
        var dropsBefore = await TableSnapshots.OfPartitionAsync(_hub.Tables(), HubStorageNames.Tables.DataDrops, _school);

        await UploadAndIngestAsync("exclusions-2024-25.csv", "exclusions (copy).csv");
        await _hub.SendBlobCreatedAsync($"{_school}/exclusions.csv");
        await _hub.RunOnceAsync(withTimers: false);

        Assert.Equal(before, await TableSnapshots.OfPartitionAsync(_hub.Tables(), HubStorageNames.Tables.Exclusions, ExclusionsPartition));
        Assert.Equal(dropsBefore, await TableSnapshots.OfPartitionAsync(_hub.Tables(), HubStorageNames.Tables.DataDrops, _school));
        var receipt = await new BlobReceiptStore(Storage.TableService).GetAsync(HubStorageNames.Containers.Drops, $"{_school}/exclusions (copy).csv", CancellationToken.None);
        Assert.Equal(ReceiptStatus.Duplicate, receipt!.Status);
        Assert.Equal($"{_school}/exclusions.csv", receipt.DuplicateOf);
    }

    [Fact]
    public async Task ANewVersionUnderTheSameNameReplacesWhatTheEarlierOneSaid()
    {
        await UploadAndIngestAsync("exclusions-2024-25.csv", "exclusions.csv");
        var first = await SingleDropAsync(DropStatus.Processed);

        await UploadAndIngestAsync("exclusions-2024-25-v2.csv", "exclusions.csv");

        var second = await SingleDropAsync(DropStatus.Processed);
        Assert.Equal(first.DropId, (await SingleDropAsync(DropStatus.Superseded)).DropId);
        var rows = await TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.Exclusions, ExclusionsPartition);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(second.DropId, r[IngestEntities.SourceDropId]));
        Assert.DoesNotContain(rows, r => r.GetInt32("Sessions") == 10);
        Assert.Contains(rows, r => r.RowKey.EndsWith("_20241104_FIXD", StringComparison.Ordinal) && r.GetInt32("Sessions") == 4);
    }

    [Fact]
    public async Task SweepDropsFindsABlobTheEventsMissed()
    {
        await _hub.UploadFixtureAsync("exclusions-2024-25.csv", $"{_school}/missed.csv");

        var report = await _hub.RunOnceAsync(withTimers: true);

        Assert.True(report.AllSucceeded);
        Assert.Equal(6, (await SingleDropAsync(DropStatus.Processed)).RowsAccepted);
        Assert.Equal(6, (await TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.Exclusions, ExclusionsPartition)).Count);
    }
}
