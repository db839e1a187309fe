using BackOnTrack.Tests.Storage;
using System.Globalization;
using BackOnTrack.Core.Drops;
using BackOnTrack.Cli.LocalRun;
using BackOnTrack.LocalHost;
using BackOnTrack.Cli.SampleData;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;

namespace BackOnTrack.IntegrationTests.Ingest;

/// <summary>
/// The README's main job on the generated sample dataset: every file uploaded, swept, ingested through the local
/// host. Then every output the hub makes is searched for the invented pupils' identifying values.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class SampleDatasetEndToEnd(AzuriteFixture azurite)
{
    private static readonly DateOnly AsOf = new(2025, 9, 1);
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static EndToEndRun? _run;

    private sealed record EndToEndRun(GeneratedDataset Dataset, RunReport Report, IReadOnlyList<DataDrop> Drops, IReadOnlyList<string> Logs, IReadOnlyList<string> QueueBodies);

    /// <summary>The dataset's blobs have fixed names, so the run happens once per test process and both tests read it.</summary>
    private async Task<EndToEndRun> RunAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_run is not null)
            {
                return _run;
            }

            var folder = Directory.CreateTempSubdirectory("backontrack-sample-").FullName;
            var dataset = SampleDatasetGenerator.Generate(folder, AsOf);
            await using var hub = await TestHub.StartAsync(azurite, AsOf);
            var started = hub.Clock.GetUtcNow();
            await DropUploads.UploadFolderAsync(hub.Storage.BlobService, folder, CancellationToken.None);
            var report = await hub.RunOnceAsync(withTimers: true);
            var drops = await new DataDropStore(hub.Storage.TableService).ListProcessedSinceAsync(started, CancellationToken.None);
            Directory.Delete(folder, recursive: true);
            _run = new EndToEndRun(dataset, report, drops, [.. hub.Logs.Lines], await DrainQueuesAsync(hub.Storage));
            return _run;
        }
        finally
        {
            Once.Release();
        }
    }

    [Fact]
    public async Task EveryGeneratedFileEndsAsTheDatasetSaysItShould()
    {
        var run = await RunAsync();

        Assert.True(run.Report.AllSucceeded);
        foreach (var file in run.Dataset.Files)
        {
            var drop = Assert.Single(run.Drops, d => d.BlobName == file.RelativePath);
            if (file.Outcome == ExpectedOutcome.RejectedWhole)
            {
                Assert.Equal(DropStatus.Rejected, drop.Status);
                continue;
            }

            Assert.Equal(DropStatus.Processed, drop.Status);
            Assert.Equal(file.Kind.ToString(), drop.Kind);
            Assert.Equal(file.DataRows, drop.RowsRead);
            Assert.Equal(file.BadRows.Count, drop.RowsRejected);
        }
    }

    [Fact]
    public async Task NoPupilIdentifierReachesATableAReportAQueueMessageOrALogLine()
    {
        var run = await RunAsync();
        var storage = azurite.Storage;
        var outputs = new List<(string Where, string Text)>();
        foreach (var table in HubStorageNames.Tables.All)
        {
            foreach (var entity in await azurite.Tables().QueryAllAsync(table))
            {
                outputs.Add(($"table {table} {entity.PartitionKey}/{entity.RowKey}", $"{entity.PartitionKey} {entity.RowKey} " +
                    string.Join(" ", TableSnapshots.Properties(entity).Select(p => Convert.ToString(p.Value is byte[] b ? Convert.ToBase64String(b) : p.Value, CultureInfo.InvariantCulture)))));
            }
        }

        await foreach (var blob in storage.ListAsync(HubStorageNames.Containers.Reports))
        {
            using var download = await storage.OpenReadAsync(HubStorageNames.Containers.Reports, blob.Name);
            outputs.Add(($"report {blob.Name}", blob.Name + " " + await new StreamReader(download).ReadToEndAsync()));
        }

        outputs.AddRange(run.QueueBodies.Select(body => ("queue message", body)));
        outputs.AddRange(run.Logs.Select(line => ("log line", line)));
        Assert.Contains(outputs, o => o.Where.StartsWith("table Attendance", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Where.StartsWith("report ", StringComparison.Ordinal));
        Assert.NotEmpty(run.Logs);
        Assert.NotEmpty(run.Dataset.Pupils);

        // Nor does the pseudonymisation key, in either of the forms it exists in.
        foreach (var secret in new[] { TestHub.TestKey, Convert.ToHexString(Convert.FromBase64String(TestHub.TestKey)) })
        {
            Assert.DoesNotContain(outputs, o => o.Text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        foreach (var pupil in run.Dataset.Pupils)
        {
            string[] forbidden =
            [
                pupil.Upn,
                $"{pupil.Forename} {pupil.Surname}",
                pupil.DateOfBirth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                pupil.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ];
            foreach (var (where, text) in outputs)
            {
                foreach (var value in forbidden)
                {
                    Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"A pupil identifier appears in {where}.");
                }
            }
        }
    }

    private static async Task<List<string>> DrainQueuesAsync(TestStorage storage)
    {
        var bodies = new List<string>();
        foreach (var queue in HubStorageNames.Queues.All)
        {
            while (true)
            {
                var batch = await storage.ReceiveAsync(queue, 32, TimeSpan.FromMinutes(5));
                if (batch.Count == 0)
                {
                    break;
                }

                bodies.AddRange(batch.Select(m => m.Body));
            }
        }

        return bodies;
    }

    [Fact]
    public async Task TheMetricsApiAnswersTheLasFiguresBesideDfEsBenchmarks()
    {
        var run = await RunAsync();
        await using var hub = await TestHub.StartAsync(azurite, AsOf);
        await hub.UploadFixtureAsync("benchmarks-exclusions-2024-25.csv", "exc_nat_region_la_2024-25.csv", HubStorageNames.Containers.Benchmarks);
        Assert.True((await hub.RunOnceAsync(withTimers: true)).AllSucceeded);

        using var response = await hub.GetAsync("api/metrics/LA/2024-25");
        using var answer = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var truth = run.Dataset.TruthFor(DropLocation.LaScope);
        var all = answer.RootElement.GetProperty("figures").EnumerateArray()
            .Single(f => f.GetProperty("period").GetString() == "YEAR" && f.GetProperty("breakdown").GetString() == "All").GetProperty("values");
        Assert.Equal(truth.Suspensions, all.GetProperty("susp").GetInt32());
        Assert.Equal(100.0 * truth.Suspensions / truth.Headcount, all.GetProperty("suspRate").GetDouble());
        var benchmarks = answer.RootElement.GetProperty("benchmarks").EnumerateArray().ToList();
        Assert.Contains(benchmarks, b => b.GetProperty("level").GetString() == "National" && b.GetProperty("phase").GetString() == "All");
        Assert.Contains(benchmarks, b => b.GetProperty("level").GetString() == "Region");
        var home = Assert.Single(benchmarks, b => b.GetProperty("level").GetString() == "LA" && b.GetProperty("period").GetString() == "YEAR" && b.GetProperty("phase").GetString() == "All");
        Assert.Equal("Rotherham", home.GetProperty("name").GetString());
        Assert.True(home.GetProperty("measures").TryGetProperty("PermExclRank", out _));
    }

    [Theory]
    [InlineData("api/metrics/LA/last-year", 400)]
    [InlineData("api/metrics/12345/2024-25", 400)]
    [InlineData("api/metrics/LA/1999-00", 404)]
    public async Task TheMetricsApiRefusesAMalformedRequestAndSaysWhenThereAreNoFigures(string path, int status)
    {
        await using var hub = await TestHub.StartAsync(azurite, AsOf);

        using var response = await hub.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
    }
}
