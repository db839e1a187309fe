using BackOnTrack.Tests.Storage;
using System.Text.Json;
using Azure.Data.Tables;
using BackOnTrack.Core.Drops;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;

namespace BackOnTrack.IntegrationTests.Benchmarks;

/// <summary>
/// DfE statistics uploaded to <c>benchmarks/</c> and ingested end to end through the local host: table Benchmarks,
/// the home LA's ranks (Rotherham, the default), the registry, reports and quarantine. Each test has its own years.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class BenchmarksThroughTheLocalHost(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Container = HubStorageNames.Containers.Benchmarks;
    private TestHub _hub = null!;

    private TestStorage Storage => _hub.Storage;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(azurite, new DateOnly(2025, 9, 1));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task UploadAndIngestAsync(string fixture, string blobName)
    {
        await _hub.UploadFixtureAsync(fixture, blobName, Container);
        await _hub.SendBlobCreatedAsync(blobName, Container);
        Assert.True((await _hub.RunOnceAsync(withTimers: false)).AllSucceeded, "A message went to poison or a function failed.");
    }

    private async Task<DataDrop> DropOfAsync(string blobName, DropStatus status) =>
        Assert.Single(await new DataDropStore(Storage.TableService).ListAsync("benchmarks", CancellationToken.None), d => d.BlobName == blobName && d.Status == status);

    private async Task<Dictionary<string, TableEntity>> RowsAsync(string partition) =>
        (await TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.Benchmarks, partition)).ToDictionary(e => e.RowKey);

    private static (int?, int?, int?, int?) Ranks(TableEntity row) =>
        (row.GetInt32("PermExclRank"), row.GetInt32("PermExclRankOf"), row.GetInt32("SuspRank"), row.GetInt32("SuspRankOf"));

    [Fact]
    public async Task StoresEachDfERowWithRecomputedAndPublishedRatesAndRanksTheHomeLa()
    {
        await UploadAndIngestAsync("benchmarks-exclusions-2024-25.csv", "exclusions-2024-25.csv");

        var drop = await DropOfAsync("exclusions-2024-25.csv", DropStatus.Processed);
        Assert.Equal(("Benchmarks", "ExclusionsCurrent", 11, 10, 0), (drop.Kind, drop.Layout, drop.RowsRead, drop.RowsAccepted, drop.RowsRejected));
        var year = await RowsAsync("2024-25_YEAR");
        Assert.Equal(
            ["LA_Barnsley_All", "LA_Doncaster_All", "LA_Rotherham_All", "LA_Rotherham_AlternativeProvision", "LA_Sheffield_All", "LA_Wakefield_All",
             "National_England_All", "Region_Yorkshire and The Humber_All"],
            year.Keys.Order(StringComparer.Ordinal));
        var rotherham = year["LA_Rotherham_All"];
        Assert.Equal(("2024-25", "YEAR", "LA", "Rotherham", "All", drop.DropId),
            (rotherham.GetString("AcademicYear"), rotherham.GetString("Period"), rotherham.GetString("Level"), rotherham.GetString("Name"), rotherham.GetString("Phase"), rotherham.GetString(IngestEntities.SourceDropId)));
        Assert.Equal((41000.0, 60.0, 4300.0, 1500.0), (rotherham["Headcount"], rotherham["PermExcl"], rotherham["Susp"], rotherham["OnePlusSusp"]));
        Assert.Equal(60 * 100.0 / 41000, rotherham.GetDouble("PermExclRate")!.Value, 12);
        Assert.Equal((0.15, 10.49, 3.66), (rotherham["PublishedPermExclRate"], rotherham["PublishedSuspRate"], rotherham["PublishedOnePlusSuspRate"]));
        Assert.False(rotherham.ContainsKey("OverallAbsenceRate"));
        // Permanent: Barnsley 0.1 = Sheffield 0.1, Rotherham 0.146, Doncaster 0.2; Wakefield suppressed.
        // Suspensions: Barnsley 8.3, Doncaster 9.6, Wakefield 10, Rotherham 10.5, Sheffield 11.
        Assert.Equal((3, 4, 4, 5), Ranks(rotherham));
        Assert.Equal((null, null, null, null), Ranks(year["LA_Barnsley_All"]));
        var alternative = year["LA_Rotherham_AlternativeProvision"];
        Assert.False(alternative.ContainsKey("PermExcl"));
        Assert.Equal((null, null, 1, 1), Ranks(alternative));
        Assert.Equal((2, 2, 2, 2), Ranks((await RowsAsync("2024-25_AUT"))["LA_Rotherham_All"]));

        using var download = await Storage.OpenReadAsync(HubStorageNames.Containers.Reports, drop.ReportBlob!);
        using var report = await JsonDocument.ParseAsync(download);
        Assert.Equal($"benchmarks/{drop.DropId}.json", drop.ReportBlob);
        var benchmarks = report.RootElement.GetProperty("benchmarks");
        Assert.Equal(("ExclusionsCurrent", 1, 2), (benchmarks.GetProperty("scheme").GetString(), benchmarks.GetProperty("rowsSkipped").GetInt32(), benchmarks.GetProperty("rowsWithSuppressedValues").GetInt32()));
        Assert.Equal(["education_phase: Independent school"], benchmarks.GetProperty("skippedValues").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task ANewVersionReplacesTheEarlierOneAndTheRanksFollowWhileACopyIsADuplicate()
    {
        // No event: the sweep finds the upload, as it finds anything Event Grid missed.
        await _hub.UploadFixtureAsync("benchmarks-exclusions-2023-24.csv", "exclusions-2023-24.csv", Container);
        Assert.True((await _hub.RunOnceAsync(withTimers: true)).AllSucceeded);
        var first = await DropOfAsync("exclusions-2023-24.csv", DropStatus.Processed);
        Assert.Equal((3, 3, 2, 3), Ranks((await RowsAsync("2023-24_YEAR"))["LA_Rotherham_All"]));

        await UploadAndIngestAsync("benchmarks-exclusions-2023-24-v2.csv", "exclusions-2023-24.csv");

        Assert.Equal(first.DropId, (await DropOfAsync("exclusions-2023-24.csv", DropStatus.Superseded)).DropId);
        var second = await DropOfAsync("exclusions-2023-24.csv", DropStatus.Processed);
        var rows = await RowsAsync("2023-24_YEAR");
        Assert.Equal(["LA_Barnsley_All", "LA_Rotherham_All"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(rows.Values, r => Assert.Equal(second.DropId, r.GetString(IngestEntities.SourceDropId)));
        Assert.Equal((1, 2, 2, 2), Ranks(rows["LA_Rotherham_All"]));

        var before = await TableSnapshots.OfPartitionAsync(_hub.Tables(), HubStorageNames.Tables.Benchmarks, "2023-24_YEAR");
        await UploadAndIngestAsync("benchmarks-exclusions-2023-24-v2.csv", "exclusions-2023-24 (copy).csv");

        Assert.Equal(before, await TableSnapshots.OfPartitionAsync(_hub.Tables(), HubStorageNames.Tables.Benchmarks, "2023-24_YEAR"));
        var receipt = await new BlobReceiptStore(Storage.TableService).GetAsync(Container, "exclusions-2023-24 (copy).csv", CancellationToken.None);
        Assert.Equal((ReceiptStatus.Duplicate, "exclusions-2023-24.csv"), (receipt!.Status, receipt.DuplicateOf));
    }

    [Fact]
    public async Task QuarantinesAFileThatIsNotDfEStatisticsWithItsReport()
    {
        await UploadAndIngestAsync("benchmarks-not-dfe.csv", "schools.csv");

        var drop = await DropOfAsync("schools.csv", DropStatus.Rejected);
        Assert.StartsWith("No header row of DfE statistics", drop.Reason, StringComparison.Ordinal);
        var quarantined = new List<string>();
        await foreach (var blob in Storage.ListAsync(HubStorageNames.Containers.Quarantine, $"benchmarks/{drop.DropId}/"))
        {
            quarantined.Add(blob.Name);
        }

        Assert.Equal([$"benchmarks/{drop.DropId}/report.json", $"benchmarks/{drop.DropId}/schools.csv"], quarantined.Order(StringComparer.Ordinal));
        var receipt = await new BlobReceiptStore(Storage.TableService).GetAsync(Container, "schools.csv", CancellationToken.None);
        Assert.Equal(ReceiptStatus.Rejected, receipt!.Status);
    }

    [Theory]
    [InlineData("201920,Academic year,Local authority,England,Yorkshire and The Humber,Rotherham,Independent school,700,0,0", "No row of the file can be stored")]
    [InlineData("201819,Academic year,Local authority,England,Yorkshire and The Humber,Rotherham,Total,41000,60,0.15\n201819,Week 3,Local authority,England,Yorkshire and The Humber,Barnsley,Total,30000,30,0.1", "1 of 2 rows (50%) were rejected")]
    public async Task RejectsAFileWithoutRowsToKeepAndWritesNoneOfIt(string rows, string reason)
    {
        var blobName = $"statistics-{rows[..6]}.csv";
        var csv = "time_period,time_identifier,geographic_level,country_name,region_name,la_name,education_phase,headcount,perm_excl,perm_excl_rate\n" + rows + "\n";
        await Storage.UploadAsync(Container, blobName, System.Text.Encoding.UTF8.GetBytes(csv));
        await _hub.SendBlobCreatedAsync(blobName, Container);
        Assert.True((await _hub.RunOnceAsync(withTimers: false)).AllSucceeded);

        var drop = await DropOfAsync(blobName, DropStatus.Rejected);
        Assert.StartsWith(reason, drop.Reason, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync($"{rows[..4]}-{rows[4..6]}_YEAR"));
    }
}
