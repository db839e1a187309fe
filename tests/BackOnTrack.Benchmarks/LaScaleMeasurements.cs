using System.Diagnostics;
using System.Globalization;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Metrics;
using BackOnTrack.LocalHost;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.Benchmarks;

/// <summary>What an LA-scale run came to: the LA's size, and how long its autumn files took to ingest and roll up.</summary>
public sealed record LaScaleMeasurement(
    int Schools, int Pupils, long Marks, double UploadSeconds, double IngestSeconds, double RecomputeSeconds, int RecomputeInvocations,
    double SchoolRequestSeconds, double LaRequestSeconds, long WorkerPeakBytes);

/// <summary>
/// An LA's autumn return as the hub meets it: one attendance marks file per school uploaded to <c>drops</c>, the LA's
/// schools register beside them, their BlobCreated events drained by the local host to the real worker (IngestDrop),
/// then the metrics requests the ingests sent drained (RecomputeMetrics: every school's figures and the LA's roll-up).
/// Then one school's request and the LA's request are sent again, each alone, to time the two kinds of invocation apart
/// (the data is unchanged, so each reads and computes everything and writes nothing new).
/// </summary>
public static class LaScaleMeasurements
{
    public static async Task<LaScaleMeasurement> RunAsync(string connection, int schools, int pupilsPerSchool)
    {
        var storage = TestStorage.For(connection);
        await StorageProvisioning.EnsureCreatedAsync(storage.BlobService, storage.QueueService, storage.TableService, CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("backontrack-la-scale-");
        try
        {
            long marks = 0;
            var blobs = new List<string>();
            var upload = Stopwatch.StartNew();
            for (var school = 0; school < schools; school++)
            {
                var laestab = string.Create(CultureInfo.InvariantCulture, $"376{school:D4}");
                var file = Path.Combine(folder.FullName, laestab + ".csv");
                marks += AttendanceFile.WriteAutumnTerm(file, school, pupilsPerSchool);
                var blob = $"{laestab}/attendance-marks-autumn-2024.csv";
                await using (var content = File.OpenRead(file))
                {
                    await storage.UploadAsync(HubStorageNames.Containers.Drops, blob, content, "text/csv");
                }

                File.Delete(file);
                blobs.Add(blob);
            }

            // The register the LA's roll-up weighs its schools by (phase and census headcount).
            var register = new System.Text.StringBuilder("LAESTAB,URN,SchoolName,Phase,AcademicYear,Headcount\r\n");
            for (var school = 0; school < schools; school++)
            {
                register.Append(CultureInfo.InvariantCulture, $"376{school:D4},{150000 + school},Benchmark School {school + 1},{(school % 4 == 0 ? "Secondary" : "Primary")},2024-25,{pupilsPerSchool}\r\n");
            }

            const string RegisterBlob = "la/schools-register-2024-25.csv";
            await storage.UploadAsync(HubStorageNames.Containers.Drops, RegisterBlob, System.Text.Encoding.UTF8.GetBytes(register.ToString()), "text/csv");
            blobs.Insert(0, RegisterBlob);
            upload.Stop();
            var settings = new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = connection,
                ["Hub__PseudonymisationKey"] = IngestMeasurements.Key,
                ["Logging__LogLevel__Default"] = "Warning",
            };
            await using var host = await LocalFunctionsHost.StartAsync(
                new WorkerApp(Path.Combine(AppContext.BaseDirectory, "worker"), "BackOnTrack.Functions", settings), QueueStorage.FromConnectionString(connection),
                TimeProvider.System, new LocalHostOptions { Port = 0 }, serveHttp: false, NullLoggerFactory.Instance, CancellationToken.None);

            foreach (var blob in blobs)
            {
                await IngestMeasurements.SendBlobCreatedAsync(storage, blob);
            }

            var ingest = Stopwatch.StartNew();
            var ingested = await host.RunOnceAsync(f => f == "IngestDrop", CancellationToken.None);
            ingest.Stop();
            var drops = await new DataDropStore(storage.TableService).ListAllAsync(CancellationToken.None);
            if (!ingested.AllSucceeded || drops.Count(d => d.Status == DropStatus.Processed) != schools + 1)
            {
                throw new InvalidOperationException($"{drops.Count(d => d.Status == DropStatus.Processed)} of {schools + 1} drops (the register and each school's file) were processed.");
            }

            var recompute = Stopwatch.StartNew();
            var recomputed = await host.RunOnceAsync(f => f == "RecomputeMetrics", CancellationToken.None);
            recompute.Stop();
            var la = await new MetricsStore(storage.TableService).ReadAsync(DropLocation.LaScope, "2024-25", CancellationToken.None);
            if (!recomputed.AllSucceeded || !la.Any(r => r.Breakdown == SchoolMetrics.All))
            {
                throw new InvalidOperationException("RecomputeMetrics did not write the LA's figures.");
            }

            var requests = new Storage.Messages.MetricsRequestSender(storage.QueueService);
            var schoolRequest = await TimeOneRequestAsync(host, requests, "3760000|2024-25");
            var laRequest = await TimeOneRequestAsync(host, requests, DropLocation.LaScope + "|2024-25");

            var peak = IngestMeasurements.PeakResidentBytes(await host.WorkerProcessIdAsync(CancellationToken.None));
            var invocations = recomputed.ByFunction.GetValueOrDefault("RecomputeMetrics")?.Invocations ?? 0;
            return new LaScaleMeasurement(
                schools, schools * pupilsPerSchool, marks, upload.Elapsed.TotalSeconds, ingest.Elapsed.TotalSeconds, recompute.Elapsed.TotalSeconds, invocations,
                schoolRequest, laRequest, peak);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<double> TimeOneRequestAsync(LocalFunctionsHost host, Storage.Messages.MetricsRequestSender requests, string schoolYear)
    {
        await requests.RequestAsync([schoolYear], CancellationToken.None);
        var watch = Stopwatch.StartNew();
        var report = await host.RunOnceAsync(f => f == "RecomputeMetrics", CancellationToken.None);
        watch.Stop();
        if (!report.AllSucceeded || report.ByFunction.GetValueOrDefault("RecomputeMetrics")?.Invocations != 1)
        {
            throw new InvalidOperationException($"The request for {schoolYear} was not recomputed in one invocation.");
        }

        return watch.Elapsed.TotalSeconds;
    }
}
