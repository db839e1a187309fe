using System.Globalization;
using BackOnTrack.Cli.LocalRun;
using BackOnTrack.Cli.SampleData;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Tests.Processes;
using BackOnTrack.Application.Hosting;

namespace BackOnTrack.IntegrationTests.Faults;

/// <summary>
/// Storage goes away and comes back, several times, while the hub ingests the sample dataset and recomputes its
/// metrics. The worker is given a single storage retry so the outages fail deliveries outright, and the local host
/// redelivers them as the Functions host would. Afterwards every table holds exactly what an undisturbed run on another
/// Azurite holds: nothing lost, nothing counted twice.
/// </summary>
public sealed class StorageOutagesDuringARun
{
    private static readonly DateOnly AsOf = new(2025, 9, 1);

    /// <summary>Tables whose rows are the hub's results (the others hold run bookkeeping: receipts carry blob ETags, outbox times).</summary>
    private static readonly string[] ResultTables =
    [
        HubStorageNames.Tables.DataDrops, HubStorageNames.Tables.Schools, HubStorageNames.Tables.Exclusions, HubStorageNames.Tables.Attendance,
        HubStorageNames.Tables.Cohorts, HubStorageNames.Tables.Metrics, HubStorageNames.Tables.CohortOutcomes, HubStorageNames.Tables.Owners,
        HubStorageNames.Tables.Actions, HubStorageNames.Tables.ActionEvents,
    ];

    /// <summary>
    /// Values that differ between any two runs because they record when things happened, or derive from it: report names,
    /// blob ETags, and a Metrics version's fingerprint (it covers DataAsOf; the figures themselves are compared row by row).
    /// </summary>
    private static readonly string[] RunSpecificProperties = ["ReportBlob", "BlobETag", "By", "Fingerprint"];

    [Fact]
    public async Task TablesAfterRepeatedStorageOutagesEqualThoseOfAnUndisturbedRun()
    {
        var sample = Path.Combine(Path.GetTempPath(), "backontrack-faults-" + Guid.NewGuid().ToString("N")[..8]);
        SampleDatasetGenerator.Generate(sample, AsOf);
        try
        {
            using var calm = FreshAzurite.Start();
            var undisturbed = await RunAsync(calm.ConnectionString, sample, outages: null);

            using var flaky = RestartableAzurite.Start();
            var disturbed = await RunAsync(flaky.ConnectionString, sample, outages: flaky);

            Assert.True(disturbed.Outages >= 2, $"Only {disturbed.Outages} outage(s) happened during the run.");
            Assert.True(disturbed.FailedDeliveries > 0, "No delivery failed: the outages missed the work.");
            Assert.Equal(0, disturbed.Poisoned);
            Assert.NotEmpty(undisturbed.Rows);
            Assert.Equal(undisturbed.Rows, disturbed.Rows);
        }
        finally
        {
            Directory.Delete(sample, recursive: true);
        }
    }

    private sealed record RunOutcome(List<string> Rows, int Outages, int FailedDeliveries, int Poisoned);

    private static async Task<RunOutcome> RunAsync(string connectionString, string sample, RestartableAzurite? outages)
    {
        var settings = new Dictionary<string, string?>
        {
            // One quick retry only, so an outage fails the delivery and the redelivery path is what is tested.
            ["Storage:MaxRetries"] = "1",
            ["Storage:RetryDelay"] = "00:00:00.2",
        };
        await using var hub = await TestHub.StartAsync(connectionString, AsOfTimeProvider.OnDate(AsOf), settings, queues: new QueueTimings(TimeSpan.FromSeconds(1), MaxDequeueCount: 20));
        // The uploads ride out an outage with retries of their own, as a school's browser would.
        var patient = new StorageClientOptions { MaxRetries = 10, RetryDelay = TimeSpan.FromMilliseconds(500), MaxRetryDelay = TimeSpan.FromSeconds(5) };
        await DropUploads.UploadFolderAsync(StorageSdkClients.Blobs(StorageAccess.FromConnectionString(connectionString), patient), sample, CancellationToken.None);

        // The sweep queues every file before storage starts to fail; the outages then hit ingest and the recomputes it
        // asks for. The host's own queue calls retry through an outage (the SDK's defaults); the worker's, with one
        // retry, fail, and the host redelivers.
        Assert.True((await hub.RunOnceAsync(withTimers: true, "SweepDrops")).AllSucceeded);
        var run = hub.RunOnceAsync(withTimers: false);
        var chaos = outages is null ? Task.FromResult(0) : CauseOutagesAsync(outages, run);
        var report = await run;
        var outageCount = await chaos;

        var rows = new List<string>();
        foreach (var table in ResultTables)
        {
            foreach (var entity in await hub.Tables().QueryAllAsync(table))
            {
                var properties = TableSnapshots.Properties(entity)
                    .Where(p => p.Value is not DateTimeOffset && p.Value is not DateTime && !RunSpecificProperties.Contains(p.Key))
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={Convert.ToString(p.Value is byte[] b ? Convert.ToBase64String(b) : p.Value, CultureInfo.InvariantCulture)}");
                // An audit row's key starts with the inverted ticks of its file's upload, which differ from run to run.
                var rowKey = table == HubStorageNames.Tables.ActionEvents ? entity.RowKey[entity.RowKey.IndexOf('_', StringComparison.Ordinal)..] : entity.RowKey;
                rows.Add($"{table}|{entity.PartitionKey}|{rowKey}|{string.Join(";", properties)}");
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return new RunOutcome(rows, outageCount, report.ByFunction.Values.Sum(c => c.Failed), report.Poisoned);
    }

    /// <summary>Every 1.5 s while the run goes on, storage is down for a second; the last outage ends before the run can.</summary>
    private static async Task<int> CauseOutagesAsync(RestartableAzurite azurite, Task run)
    {
        var outages = 0;
        while (outages < 4 && !run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(1.5)));
            if (run.IsCompleted)
            {
                break;
            }

            azurite.Stop();
            await Task.Delay(TimeSpan.FromSeconds(1));
            azurite.Resume();
            outages++;
        }

        return outages;
    }
}
