using System.Diagnostics;
using BackOnTrack.Core.Drops;
using BackOnTrack.Cli.LocalHost;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Storage.Tables;
using BackOnTrack.Tests.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.IntegrationTests.Ingest;

/// <summary>
/// The handler process is killed part-way through a file, as a crash or a recycled worker would end it; the local host
/// redelivers the message to a fresh handler. The tables must end exactly as after an undisturbed run.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class IngestDropSurvivesAKilledHandler(AzuriteFixture azurite)
{
    private const int Pupils = 400;
    private const int DaysEach = 40;
    private readonly StorageAccount _storage = azurite.Account;
    private readonly string _interrupted = AzuriteFixture.UniqueSchool();
    private readonly string _undisturbed = AzuriteFixture.UniqueSchool();

    [Fact]
    public async Task AKilledHandlerAndARedeliveredMessageGiveTheSameTablesAsAnUndisturbedRun()
    {
        var file = LargeDrops.Suspensions(Pupils, DaysEach);
        await StorageProvisioning.EnsureCreatedAsync(_storage, CancellationToken.None);
        foreach (var school in new[] { _interrupted, _undisturbed })
        {
            await _storage.Blobs.UploadAsync(HubStorageNames.Containers.Drops, $"{school}/suspensions.csv", file);
        }

        var handler = await RunningHandler.StartAsync(AppContext.BaseDirectory, azurite.ConnectionString, InProcessHub.TestKey);
        try
        {
            await SendEventAsync(_undisturbed);
            Assert.True((await LocalHost(handler.Address).RunOnceAsync(CancellationToken.None)).AllSucceeded);

            await SendEventAsync(_interrupted);
            var run = LocalHost(handler.Address).RunOnceAsync(CancellationToken.None);
            await WaitForFirstRowsAsync(_interrupted);
            await handler.KillAsync();
            var rowsAtKill = (await SnapshotAsync(_interrupted)).Count;
            Assert.True(rowsAtKill < Pupils * DaysEach, $"The file finished ({rowsAtKill} rows) before the kill; make it bigger.");
            await handler.DisposeAsync();
            handler = await RunningHandler.StartAsync(AppContext.BaseDirectory, azurite.ConnectionString, InProcessHub.TestKey, handler.Address.Port);
            var report = await run;

            Assert.True(report.AllSucceeded);
            Assert.True(report.ByFunction["IngestDrop"].Failed >= 1, "The kill did not fail the delivery.");
        }
        finally
        {
            await handler.DisposeAsync();
        }

        Assert.Equal(await SnapshotAsync(_undisturbed), await SnapshotAsync(_interrupted));
        var drops = new DataDropStore(_storage.SdkTables);
        var undisturbed = Assert.Single(await drops.ListAsync(_undisturbed, CancellationToken.None));
        var interrupted = Assert.Single(await drops.ListAsync(_interrupted, CancellationToken.None));
        Assert.Equal(
            (DropStatus.Processed, Pupils * DaysEach, Pupils * DaysEach, 0),
            (interrupted.Status, interrupted.RowsRead, interrupted.RowsAccepted, interrupted.RowsRejected));
        Assert.Equal(undisturbed with { Scope = "", ReportBlob = "", Partitions = [], SchoolYears = [], ReceivedAt = default, ProcessedAt = null, BlobName = "" },
                     interrupted with { Scope = "", ReportBlob = "", Partitions = [], SchoolYears = [], ReceivedAt = default, ProcessedAt = null, BlobName = "" });
    }

    private LocalFunctionsHost LocalHost(Uri handler)
    {
        var manifest = FunctionManifest.Load(AppContext.BaseDirectory);
        manifest = manifest with
        {
            Functions = [.. manifest.Functions.Where(f => f.IsQueue)],
            Queues = manifest.Queues with { VisibilityTimeout = TimeSpan.FromSeconds(1), MaxDequeueCount = 10 },
        };
        return new LocalFunctionsHost(manifest, _storage.Queues, new HttpClient { BaseAddress = handler, Timeout = TimeSpan.FromMinutes(5) }, TimeProvider.System, NullLogger<LocalFunctionsHost>.Instance)
        {
            PollInterval = TimeSpan.FromMilliseconds(100),
        };
    }

    private async Task SendEventAsync(string school)
    {
        var blob = $"{school}/suspensions.csv";
        var properties = await _storage.Blobs.GetPropertiesAsync(HubStorageNames.Containers.Drops, blob);
        await _storage.Queues.SendMessageAsync(
            HubStorageNames.Queues.DropEvents,
            BlobCreatedEvent.Create(HubStorageNames.Containers.Drops, blob, properties!.ETag.ToString(), _storage.Blobs.GetBlobUri(HubStorageNames.Containers.Drops, blob)));
    }

    private async Task WaitForFirstRowsAsync(string school)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var page = await _storage.Tables.QueryPageAsync(HubStorageNames.Tables.Exclusions, TableFilter.Of($"PartitionKey eq {school + "_2024-25"}"), ["RowKey"], pageSize: 1);
            if (page.Items.Count > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No rows appeared within 60 s.");
    }

    private Task<List<string>> SnapshotAsync(string school) =>
        TableSnapshots.OfPartitionAsync(_storage.Tables, HubStorageNames.Tables.Exclusions, school + "_2024-25", s => s.Replace(school, "SCHOOL", StringComparison.Ordinal));
}
