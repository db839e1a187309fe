using BackOnTrack.Tests.Storage;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BackOnTrack.Benchmarks;
using BackOnTrack.Tests.Processes;
using BackOnTrack.Storage;

// Usage: BackOnTrack.Benchmarks [rows ...]            runs every size (default 10000 100000 1000000), prints the table, then the local host's own costs
//        BackOnTrack.Benchmarks measure <mode> <rows>  one measurement in this process, on AzureWebJobsStorage (used by the above)
//        BackOnTrack.Benchmarks parse <rows>           the CSV reader alone on the same file (no storage): best of 5
//        BackOnTrack.Benchmarks early-warning [pupils]  the LA-wide early-warning recompute alone (default 45000 pupils)
//        BackOnTrack.Benchmarks seed-early-warning <pupils> | measure-early-warning   its two processes, on AzureWebJobsStorage
// Without arguments it runs every ingest size, then the early-warning recompute.
if (args is ["parse", var parseRowText])
{
    var rows = int.Parse(parseRowText, CultureInfo.InvariantCulture);
    // The header row makes a million-row file one row over the default limit.
    var unlimited = BackOnTrack.Core.Tabular.TabularLimits.Default with { MaxRows = int.MaxValue, MaxFileBytes = long.MaxValue };
    var file = Path.Combine(Path.GetTempPath(), $"backontrack-parse-{rows}-{Environment.ProcessId}.csv");
    AttendanceFile.Write(file, rows);
    try
    {
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 6; run++)
        {
            using var content = File.OpenRead(file);
            var clock = Stopwatch.StartNew();
            var cells = 0L;
            foreach (var row in BackOnTrack.Core.Tabular.TabularFile.Open(content, "marks.csv", unlimited).Rows)
            {
                cells += row.Count;
            }

            // The first run warms the JIT up and is not counted.
            if (run > 0 && clock.Elapsed < best)
            {
                best = clock.Elapsed;
            }

            GC.KeepAlive(cells);
        }

        var megabytes = new FileInfo(file).Length / (1024.0 * 1024);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CSV parse, {rows:N0} rows ({megabytes:0.0} MB): best {best.TotalMilliseconds:0} ms, {rows / best.TotalSeconds:N0} rows/s, {megabytes / best.TotalSeconds:0} MB/s"));
    }
    finally
    {
        File.Delete(file);
    }

    return 0;
}

if (args is ["measure", var mode, var rowText])
{
    var connection = Environment.GetEnvironmentVariable("AzureWebJobsStorage")
                     ?? throw new InvalidOperationException("Set AzureWebJobsStorage.");
    var rows = int.Parse(rowText, CultureInfo.InvariantCulture);
    var storage = TestStorage.For(connection);
    await StorageProvisioning.EnsureCreatedAsync(storage.BlobService, storage.QueueService, storage.TableService, CancellationToken.None);
    var file = Path.Combine(Path.GetTempPath(), $"backontrack-bench-{rows}-{Environment.ProcessId}.csv");
    var warmUp = Path.Combine(Path.GetTempPath(), $"backontrack-bench-warmup-{Environment.ProcessId}.csv");
    AttendanceFile.Write(file, rows);
    AttendanceFile.Write(warmUp, 2_000);
    try
    {
        // Each measurement gets a school of its own, so no run reads or overwrites another's rows.
        var school = string.Create(CultureInfo.InvariantCulture, $"3729{Environment.ProcessId % 1000:D3}");
        var measurement = mode == "ceiling"
            ? await IngestMeasurements.CeilingAsync(storage, file, rows, school)
            : await IngestMeasurements.PipelineAsync(connection, storage, file, rows, school, warmUp, string.Create(CultureInfo.InvariantCulture, $"3728{Environment.ProcessId % 1000:D3}"));
        Console.WriteLine(JsonSerializer.Serialize(measurement));
    }
    finally
    {
        File.Delete(file);
        File.Delete(warmUp);
    }

    return 0;
}

if (args is ["seed-early-warning", var seedText])
{
    var storage = TestStorage.For(Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? throw new InvalidOperationException("Set AzureWebJobsStorage."));
    await StorageProvisioning.EnsureCreatedAsync(storage.BlobService, storage.QueueService, storage.TableService, CancellationToken.None);
    Console.WriteLine(JsonSerializer.Serialize(await EarlyWarningMeasurements.SeedAsync(storage, int.Parse(seedText, CultureInfo.InvariantCulture))));
    return 0;
}

if (args is ["measure-early-warning"])
{
    var access = StorageAccess.FromConnectionString(Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? throw new InvalidOperationException("Set AzureWebJobsStorage."));
    Console.WriteLine(JsonSerializer.Serialize(await EarlyWarningMeasurements.MeasureAsync(access)));
    return 0;
}

var azurite = Environment.GetEnvironmentVariable("BACKONTRACK_AZURITE_BIN")
              ?? throw new InvalidOperationException("Set BACKONTRACK_AZURITE_BIN to Azurite's executable (scripts/benchmark.sh does).");
if (args is ["la-scale", .. var scaleText])
{
    await LaScaleBenchmark(azurite, scaleText is [var schoolsText, ..] ? int.Parse(schoolsText, CultureInfo.InvariantCulture) : 120, scaleText is [_, var pupilsText2] ? int.Parse(pupilsText2, CultureInfo.InvariantCulture) : 375);
    return 0;
}

if (args is ["early-warning", .. var pupilsText])
{
    EarlyWarningBenchmark(azurite, pupilsText is [var text] ? int.Parse(text, CultureInfo.InvariantCulture) : 45_000);
    return 0;
}

var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10_000, 100_000, 1_000_000];
var results = new List<(Measurement Ceiling, Measurement Pipeline)>();
Console.WriteLine($"BackOnTrack ingest benchmark: attendance marks CSV (long form), Azurite, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine("Each figure is the best of several runs (3 up to 100k rows, 1 above), each in a fresh process on a fresh Azurite.");
Console.WriteLine();
Console.WriteLine($"{"rows",10} {"entities",9} {"ceiling rows/s",15} {"IngestDrop rows/s",18} {"ratio",6} {"ceiling s",10} {"IngestDrop s",13} {"IngestDrop peak MB",19}");
foreach (var size in sizes)
{
    var runs = size <= 100_000 ? 3 : 1;
    var ceiling = Best(azurite, "ceiling", size, runs);
    var pipeline = Best(azurite, "pipeline", size, runs);
    results.Add((ceiling, pipeline));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{size,10:N0} {ceiling.Entities,9:N0} {ceiling.RowsPerSecond,15:N0} {pipeline.RowsPerSecond,18:N0} {pipeline.RowsPerSecond / ceiling.RowsPerSecond,6:0.00} {ceiling.Seconds,10:0.0} {pipeline.Seconds,13:0.0} {pipeline.PeakBytes / 1048576.0,19:0}"));
}

Console.WriteLine();
// The target is for files of 100k rows and more: below that, a drop's fixed round trips (receipts, registry, reports)
// are most of its time, and a ratio says more about them than about the store.
var targeted = results.Where(r => r.Pipeline.Rows >= 100_000).ToList();
if (targeted.Count > 0)
{
    var worstRatio = targeted.Min(r => r.Pipeline.RowsPerSecond / r.Ceiling.RowsPerSecond);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lowest ratio IngestDrop/ceiling at 100,000 rows and more: {worstRatio:0.00} (target >= 0.70): {(worstRatio >= 0.7 ? "met" : "NOT met")}"));
}
if (results.Count > 1)
{
    var growth = (double)results[^1].Pipeline.PeakBytes / results[0].Pipeline.PeakBytes;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Peak memory {results[^1].Pipeline.Rows:N0} rows / {results[0].Pipeline.Rows:N0} rows: {growth:0.00}x (target <= 2.00x): {(growth <= 2 ? "met" : "NOT met")}"));
}

Console.WriteLine();
using (var hostAzurite = FreshAzurite.Start(azurite))
{
    var starts = new List<TimeSpan>();
    for (var run = 0; run < 3; run++)
    {
        starts.Add(await HostMeasurements.WorkerStartToFirstInvocationAsync(hostAzurite.ConnectionString));
    }

    const int Messages = 1_000;
    var drained = await HostMeasurements.DrainAsync(hostAzurite.ConnectionString, Messages);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Local host: the hub's worker from start to its first invocation answered: best {starts.Min().TotalMilliseconds:N0} ms of 3 (worst {starts.Max().TotalMilliseconds:N0} ms)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Local host: {Messages:N0} small queue messages drained to a worker doing no work of its own: {drained.TotalSeconds:0.0} s, {drained.TotalMilliseconds / Messages:0.0} ms per message"));
}

if (args.Length == 0)
{
    Console.WriteLine();
    await LaScaleBenchmark(azurite, 120, 375);
    Console.WriteLine();
    EarlyWarningBenchmark(azurite, 45_000);
}

return 0;

// An LA's autumn return, every school's file through the local host and the worker, on a fresh Azurite: one run.
static async Task LaScaleBenchmark(string azuriteBin, int schools, int pupilsPerSchool)
{
    using var azurite = FreshAzurite.Start(azuriteBin);
    var run = await LaScaleMeasurements.RunAsync(azurite.ConnectionString, schools, pupilsPerSchool);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"BackOnTrack LA-scale benchmark: {run.Schools} schools' autumn attendance files through the local host and the worker, Azurite, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{run.Pupils:N0} pupils, {run.Marks:N0} session marks (written and uploaded first, not timed: {run.UploadSeconds:0} s)."));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"IngestDrop, {run.Schools} files and the register: {run.IngestSeconds:0.0} s wall, {run.Marks / run.IngestSeconds:N0} marks/s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RecomputeMetrics, the requests those ingests sent ({run.RecomputeInvocations} invocations: every school's figures and the LA's roll-up): {run.RecomputeSeconds:0.0} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  one school's request alone (its figures, the LA's roll-up, its cohorts' outcomes, its early warnings): {run.SchoolRequestSeconds:0.00} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  the LA's request alone (every school's figures, the roll-up, every cohort, every school's early warnings): {run.LaRequestSeconds:0.00} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Worker peak memory over both: {run.WorkerPeakBytes / 1048576.0:0} MB"));
}

// The LA's data stored by one process, the recompute measured in another, on one fresh Azurite: one run (it takes
// minutes to seed), its first pass writing every flag and its repeat writing nothing.
static void EarlyWarningBenchmark(string azuriteBin, int pupils)
{
    using var azurite = FreshAzurite.Start(azuriteBin);
    var seeded = JsonSerializer.Deserialize<SeededLa>(Child(azurite.ConnectionString, "seed-early-warning", pupils.ToString(CultureInfo.InvariantCulture)))!;
    var measured = JsonSerializer.Deserialize<RecomputeMeasurement>(Child(azurite.ConnectionString, "measure-early-warning"))!;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"BackOnTrack early-warning benchmark: the recompute for every school, Azurite, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Stored first (not timed, {seeded.Seconds:0} s): {seeded.Schools} schools, {seeded.Pupils:N0} pupils, {seeded.Marks:N0} session marks of {EarlyWarningMeasurements.Year}'s autumn term in {seeded.MonthRows:N0} pupil-month rows, {seeded.Exclusions:N0} exclusions."));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Recompute as of {EarlyWarningMeasurements.AsOf:yyyy-MM-dd}, in a process of its own (one run):"));
    Console.WriteLine();
    Console.WriteLine($"{"run",-40} {"seconds",8} {"schools",8} {"pupils",8} {"pupils/s",9} {"flagged",8} {"rows written",13} {"peak MB",8}");
    foreach (var run in new[] { measured.First, measured.Repeat })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run.Run,-40} {run.Seconds,8:0.0} {run.Schools,8:N0} {run.Pupils,8:N0} {run.Pupils / run.Seconds,9:N0} {run.Flagged,8:N0} {run.RowsWritten,13:N0} {run.PeakBytes / 1048576.0,8:0}"));
    }

    var reads = measured.FirstReads;
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Where the time goes: reading every school's rows as the recompute does {measured.ReadSeconds:0.0} s; the rules over every pupil read, in memory, {measured.RulesSeconds:0.0} s."));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Reads in the first run: {reads.SchoolYearPartitions} school-year partitions, {reads.ExclusionsQueries} Exclusions and {reads.AttendanceQueries} Attendance queries begun, at most {reads.MaxQueriesOfOnePartition} of one partition in one table (target 1: {(reads.MaxQueriesOfOnePartition == 1 ? "met" : "NOT met")}), {reads.ContinuationPages:N0} continuation pages; EarlyWarnings read {reads.EarlyWarningsSchoolReads} times by school and {reads.EarlyWarningsFullReads} in full."));
}

static string Child(string connection, params string[] arguments)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!, arguments) { RedirectStandardOutput = true };
    start.Environment["AzureWebJobsStorage"] = connection;
    using var child = Process.Start(start)!;
    var output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    if (child.ExitCode != 0)
    {
        throw new InvalidOperationException($"{arguments[0]} failed ({child.ExitCode}).");
    }

    return output.Trim().Split('\n')[^1];
}

// Fastest run's time; the highest peak memory seen in any run.
static Measurement Best(string azurite, string mode, int rows, int runs)
{
    var all = Enumerable.Range(0, runs).Select(_ => Measure(azurite, mode, rows)).ToList();
    return all.MinBy(m => m.Seconds)! with { PeakBytes = all.Max(m => m.PeakBytes) };
}

static Measurement Measure(string azuriteBin, string mode, int rows)
{
    using var azurite = FreshAzurite.Start(azuriteBin);
    var start = new ProcessStartInfo(Environment.ProcessPath!, ["measure", mode, rows.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true };
    start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
    using var child = Process.Start(start)!;
    var output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    if (child.ExitCode != 0)
    {
        throw new InvalidOperationException($"The {mode} measurement of {rows} rows failed ({child.ExitCode}).");
    }

    return JsonSerializer.Deserialize<Measurement>(output.Trim().Split('\n')[^1])!;
}
