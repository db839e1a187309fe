using BackOnTrack.Tests.Storage;
using BackOnTrack.Application.Ingest;
using System.Diagnostics;
using Azure.Data.Tables;
using BackOnTrack.Core.Drops;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;

namespace BackOnTrack.IntegrationTests.Ingest;

/// <summary>
/// The worker process is killed part-way through a file, as a crash or a recycled worker would end it; the local host
/// starts a fresh worker and redelivers the message to it. The tables must end exactly as after an undisturbed run.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class IngestDropSurvivesAKilledWorker(AzuriteFixture azurite)
{
    private const int Pupils = 400;
    private const int DaysEach = 40;
    private readonly TestStorage _storage = azurite.Storage;
    private readonly TableServiceClient _tables = azurite.Tables();
    private readonly string _interrupted = AzuriteFixture.UniqueSchool();
    private readonly string _undisturbed = AzuriteFixture.UniqueSchool();

    [Fact]
    public async Task AKilledWorkerAndARedeliveredMessageGiveTheSameTablesAsAnUndisturbedRun()
    {
        var file = LargeDrops.Suspensions(Pupils, DaysEach);
        await StorageProvisioning.EnsureCreatedAsync(azurite.Access, CancellationToken.None);
        foreach (var school in new[] { _interrupted, _undisturbed })
        {
            await _storage.UploadAsync(HubStorageNames.Containers.Drops, $"{school}/suspensions.csv", file);
        }

        await using (var hub = await TestHub.StartAsync(azurite, new DateOnly(2025, 9, 1)))
        {
            await SendEventAsync(_undisturbed);
            Assert.True((await hub.RunOnceAsync(withTimers: false)).AllSucceeded);

            await SendEventAsync(_interrupted);
            using var worker = Process.GetProcessById(await hub.Host.WorkerProcessIdAsync(CancellationToken.None));
            var run = hub.RunOnceAsync(withTimers: false);
            await WaitForFirstRowsAsync(_interrupted);
            worker.Kill(entireProcessTree: true);
            var rowsAtKill = (await SnapshotAsync(_interrupted)).Count;
            Assert.True(rowsAtKill < Pupils * DaysEach, $"The file finished ({rowsAtKill} rows) before the kill; make it bigger.");
            var report = await run;

            Assert.True(report.AllSucceeded);
            Assert.True(report.ByFunction["IngestDrop"].Failed >= 1, "The kill did not fail the delivery.");
            Assert.True(hub.Host.WorkerRestarts >= 1, "No new worker was started after the kill.");
        }

        Assert.Equal(await SnapshotAsync(_undisturbed), await SnapshotAsync(_interrupted));
        var drops = new DataDropStore(_storage.TableService);
        var undisturbed = Assert.Single(await drops.ListAsync(_undisturbed, CancellationToken.None));
        var interrupted = Assert.Single(await drops.ListAsync(_interrupted, CancellationToken.None));
        Assert.Equal(
            (DropStatus.Processed, Pupils * DaysEach, Pupils * DaysEach, 0),
            (interrupted.Status, interrupted.RowsRead, interrupted.RowsAccepted, interrupted.RowsRejected));
        Assert.Equal(undisturbed with { Scope = "", ReportBlob = "", Partitions = [], SchoolYears = [], ReceivedAt = default, ProcessedAt = null, BlobName = "" },
                     interrupted with { Scope = "", ReportBlob = "", Partitions = [], SchoolYears = [], ReceivedAt = default, ProcessedAt = null, BlobName = "" });
    }

    private async Task SendEventAsync(string school)
    {
        var blob = $"{school}/suspensions.csv";
        var properties = await _storage.FindAsync(HubStorageNames.Containers.Drops, blob);
        await _storage.SendAsync(
            HubStorageNames.Queues.DropEvents,
            DropEvents.Create(HubStorageNames.Containers.Drops, blob, properties!.ETag.ToString(), _storage.BlobUri(HubStorageNames.Containers.Drops, blob), DateTimeOffset.UtcNow));
    }

    private async Task WaitForFirstRowsAsync(string school)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await foreach (var _ in _tables.GetTableClient(HubStorageNames.Tables.Exclusions).QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {school + "_2024-25"}"), maxPerPage: 1, select: ["RowKey"]))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No rows appeared within 60 s.");
    }

    private Task<List<string>> SnapshotAsync(string school) =>
        TableSnapshots.OfPartitionAsync(_tables, HubStorageNames.Tables.Exclusions, school + "_2024-25", s => s.Replace(school, "SCHOOL", StringComparison.Ordinal));
}
