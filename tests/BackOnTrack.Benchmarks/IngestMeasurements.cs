using BackOnTrack.Tests.Storage;
using BackOnTrack.Application.Ingest;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Tabular;
using BackOnTrack.LocalHost;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.Benchmarks;

/// <summary>One measurement: how many input rows per second, and the process's peak resident memory.</summary>
public sealed record Measurement(string Mode, int Rows, int Entities, double Seconds, long PeakBytes)
{
    public double RowsPerSecond => Rows / Seconds;
}

/// <summary>The two sides of the comparison, each run in a fresh process so its peak memory is its own.</summary>
public static class IngestMeasurements
{
    public const string Key = "YmVuY2htYXJrLW9ubHktcHNldWRvbnltaXNhdGlvbi1rZXktMDAwMQ==";

    /// <summary>
    /// (a) The store's ceiling: the exact month entities the pipeline writes for the file, built beforehand (not timed),
    /// then sent as transactions of 100 with the pipeline's own concurrency.
    /// </summary>
    public static async Task<Measurement> CeilingAsync(TestStorage storage, string file, int rows, string school)
    {
        var context = new DropContext(DateTimeOffset.UtcNow, Laestab.Parse(school), Convert.FromBase64String(Key))
        {
            Limits = TabularLimits.Default with { MaxRows = Math.Max(TabularLimits.Default.MaxRows, AttendanceFile.FileRows(rows)) },
        };
        var dropId = new string('c', 64);
        var months = new Dictionary<(string, string), TableEntity>();
        using (var stream = File.OpenRead(file))
        using (var read = DropReader.Read(stream, Path.GetFileName(file), context))
        {
            foreach (var outcome in read.Outcomes)
            {
                var mark = (AttendanceMarkRecord)outcome.Record!;
                var key = IngestEntities.AttendanceMonth(mark.Laestab, mark.PupilKey, mark.Date);
                if (!months.TryGetValue(key, out var entity))
                {
                    entity = new TableEntity(key.PartitionKey, key.RowKey) { ["PupilKey"] = mark.PupilKey.Value };
                    months[key] = entity;
                }

                entity["NcYear"] = mark.NcYear.Code;
                entity[IngestEntities.SessionProperty(mark.Date, mark.Session)] = IngestEntities.SessionValue(mark.Code.Code, dropId);
            }
        }

        var transactions = months.Values
            .GroupBy(e => e.PartitionKey)
            .SelectMany(p => p.Chunk(TableTransactions.MaxOperations))
            .Select(chunk => chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertMerge, e)).ToList())
            .ToList();

        // The same SDK client the pipeline writes through, sending the same checked transactions.
        var table = storage.TableService.GetTableClient(HubStorageNames.Tables.Attendance);

        // Warm the client up as the pipeline is warmed: one transaction, untimed (it is re-sent below; upserts repeat harmlessly).
        await table.SubmitCheckedAsync(transactions[0]);
        var watch = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(PartitionedTableWriter.DefaultConcurrency);
        await Task.WhenAll(transactions.Select(async transaction =>
        {
            await gate.WaitAsync();
            try
            {
                await table.SubmitCheckedAsync(transaction);
            }
            finally
            {
                gate.Release();
            }
        }));
        watch.Stop();
        return new Measurement("ceiling", rows, months.Count, watch.Elapsed.TotalSeconds, PeakResidentBytes());
    }

    /// <summary>
    /// (b) The full IngestDrop path: the drop-events message delivered by the local host to the real worker process over
    /// the host's protocol, as in a local run. The peak memory is the worker's, where the ingest ran.
    /// </summary>
    public static async Task<Measurement> PipelineAsync(string connection, TestStorage storage, string file, int rows, string school, string warmUpFile, string warmUpSchool)
    {
        await UploadAsync(storage, warmUpFile, $"{warmUpSchool}/attendance.csv");
        await UploadAsync(storage, file, $"{school}/attendance.csv");

        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = connection,
            ["Hub__PseudonymisationKey"] = Key,
            ["Ingest__MaxRows"] = Math.Max(TabularLimits.Default.MaxRows, AttendanceFile.FileRows(rows)).ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var host = await LocalFunctionsHost.StartAsync(
            new WorkerApp(Path.Combine(AppContext.BaseDirectory, "worker"), "BackOnTrack.Functions", settings), QueueStorage.FromConnectionString(connection),
            TimeProvider.System, new LocalHostOptions { Port = 0 }, serveHttp: false, NullLoggerFactory.Instance, CancellationToken.None);

        // The Functions host keeps a worker warm between invocations: measure a warm one, not the first JIT. Only
        // drop-events is drained: the metrics request the ingest sends is RecomputeMetrics' work, not IngestDrop's.
        await SendBlobCreatedAsync(storage, $"{warmUpSchool}/attendance.csv");
        await host.RunOnceAsync(IngestDropOnly, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        await SendBlobCreatedAsync(storage, $"{school}/attendance.csv");
        await host.RunOnceAsync(IngestDropOnly, CancellationToken.None);
        watch.Stop();

        var drop = (await new DataDropStore(storage.TableService).ListAsync(school, CancellationToken.None)).Single();
        if (drop.Status != DropStatus.Processed || drop.RowsAccepted != rows)
        {
            throw new InvalidOperationException($"The drop ended {drop.Status} with {drop.RowsAccepted} of {rows} rows stored.");
        }

        var peak = PeakResidentBytes(await host.WorkerProcessIdAsync(CancellationToken.None));
        return new Measurement("pipeline", rows, -1, watch.Elapsed.TotalSeconds, peak);
    }

    private static async Task UploadAsync(TestStorage storage, string file, string blob)
    {
        await using var content = File.OpenRead(file);
        await storage.UploadAsync(HubStorageNames.Containers.Drops, blob, content, "text/csv");
    }

    private static bool IngestDropOnly(string function) => function == "IngestDrop";

    internal static async Task SendBlobCreatedAsync(TestStorage storage, string blob)
    {
        var properties = await storage.FindAsync(HubStorageNames.Containers.Drops, blob);
        await storage.SendAsync(
            HubStorageNames.Queues.DropEvents,
            DropEvents.Create(HubStorageNames.Containers.Drops, blob, properties!.ETag.ToString(), storage.BlobUri(HubStorageNames.Containers.Drops, blob), DateTimeOffset.UtcNow));
    }

    /// <summary>The process's peak resident set (VmHWM), the memory it actually held at its worst.</summary>
    public static long PeakResidentBytes(int? processId = null)
    {
        foreach (var line in File.ReadLines(processId is { } id ? $"/proc/{id}/status" : "/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}

