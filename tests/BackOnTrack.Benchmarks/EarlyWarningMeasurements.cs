using BackOnTrack.Tests.Storage;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.EarlyWarning;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Benchmarks;

/// <summary>One run of the LA-wide recompute: its time, what it did, and the process's peak memory after it.</summary>
public sealed record RecomputeRun(string Run, double Seconds, int Schools, int Pupils, int Flagged, int RowsWritten, long PeakBytes);

/// <summary>What the recompute read: per table, the queries that began a partition's read and the pages that followed.</summary>
public sealed record ReadCounts(int SchoolYearPartitions, int ExclusionsQueries, int AttendanceQueries, int MaxQueriesOfOnePartition, int ContinuationPages, int EarlyWarningsSchoolReads, int EarlyWarningsFullReads);

/// <summary>
/// The measuring process's answer, with the repeat's time split: every school's rows read as the recompute reads them,
/// and the rules alone over what was read (in memory).
/// </summary>
public sealed record RecomputeMeasurement(RecomputeRun First, RecomputeRun Repeat, ReadCounts FirstReads, double ReadSeconds, double RulesSeconds);

/// <summary>What the seeding process stored.</summary>
public sealed record SeededLa(int Schools, int Pupils, long Marks, int MonthRows, int Exclusions, double Seconds);

/// <summary>
/// The early-warning recompute at LA scale (docs/architecture.md §Early warning): an LA of about 45,000 pupils in 110
/// primaries and 16 secondaries with the autumn term's session marks and some suspensions, lunchtime and permanent
/// exclusions, stored as IngestDrop stores them; then <see cref="RecomputeEarlyWarningsUseCase.RecomputeAllAsync"/>
/// as of the term's last day, twice (the first writes every flag, the repeat with the same as-of writes nothing).
/// Seeding and measuring are separate processes, so the peak memory is the recompute's own.
/// </summary>
public static class EarlyWarningMeasurements
{
    public static readonly AcademicYear Year = AcademicYear.Parse("2025-26");

    /// <summary>The autumn term's last day: the recompute's as-of date, when a term of marks is behind it.</summary>
    public static readonly DateOnly AsOf = new(2025, 12, 19);

    private const int Primaries = 110;
    private const int Secondaries = 16;
    private static readonly string DropId = new('e', 64);

    /// <summary>The schools and their pupil counts, for an LA of <paramref name="pupils"/> (about 55% primary).</summary>
    private static IReadOnlyList<(string Laestab, bool Secondary, int Pupils)> Schools(int pupils)
    {
        var primaryEach = (int)(pupils * 0.54 / Primaries);
        var secondaryEach = (pupils - (primaryEach * Primaries)) / Secondaries;
        return
        [
            .. Enumerable.Range(0, Primaries).Select(i => (string.Create(CultureInfo.InvariantCulture, $"372{2001 + i:D4}"), false, primaryEach)),
            .. Enumerable.Range(0, Secondaries).Select(i => (string.Create(CultureInfo.InvariantCulture, $"372{4101 + i:D4}"), true, secondaryEach)),
        ];
    }

    /// <summary>The term's school days: 2 September to 19 December 2025, without the half-term week from 27 October.</summary>
    private static List<DateOnly> SchoolDays()
    {
        var days = new List<DateOnly>();
        for (var day = new DateOnly(2025, 9, 2); day <= AsOf; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !(day >= new DateOnly(2025, 10, 27) && day <= new DateOnly(2025, 10, 31)))
            {
                days.Add(day);
            }
        }

        return days;
    }

    public static async Task<SeededLa> SeedAsync(TestStorage storage, int pupils)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(20251219);
        var days = SchoolDays();
        var attendance = storage.TableService.GetTableClient(HubStorageNames.Tables.Attendance);
        var exclusionsTable = storage.TableService.GetTableClient(HubStorageNames.Tables.Exclusions);
        var drops = new DataDropStore(storage.TableService);
        var schools = Schools(pupils);
        long marks = 0;
        int monthRows = 0, exclusions = 0, seeded = 0;
        foreach (var (laestab, secondary, count) in schools)
        {
            var partition = $"{laestab}_{Year}";
            var months = new List<TableEntity>();
            var excluded = new List<TableEntity>();
            for (var p = 0; p < count; p++)
            {
                var pupil = string.Create(CultureInfo.InvariantCulture, $"bench{laestab}{p:D5}");
                var ncYear = secondary ? (7 + random.Next(5)).ToString(CultureInfo.InvariantCulture) : random.Next(7) is 0 ? "R" : random.Next(1, 7).ToString(CultureInfo.InvariantCulture);
                // Most pupils attend well; a tail is persistently or severely absent, and some fall away late in term.
                var draw = random.NextDouble();
                var rate = draw < 0.80 ? 0.03 : draw < 0.93 ? 0.12 : draw < 0.98 ? 0.25 : 0.55;
                var fallsFrom = random.NextDouble() < 0.06 ? new DateOnly(2025, 11, 10) : DateOnly.MaxValue;

                var suspendedOn = new HashSet<DateOnly>();
                void Exclude(string category, DateOnly start, int? sessions)
                {
                    var entity = new TableEntity(partition, $"{pupil}_{start:yyyyMMdd}_{category}")
                    {
                        ["PupilKey"] = pupil,
                        ["Category"] = category,
                        ["StartDate"] = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                        ["Reasons"] = "PD",
                        ["NcYear"] = ncYear,
                        ["Withdrawn"] = false,
                        [IngestEntities.SourceDropId] = DropId,
                    };
                    if (sessions is { } s)
                    {
                        entity["Sessions"] = s;
                    }

                    excluded.Add(entity);
                }

                var behaviour = random.NextDouble();
                var suspensions = secondary ? behaviour < 0.03 ? random.Next(2, 4) : behaviour < 0.09 ? 1 : 0 : behaviour < 0.005 ? 1 : 0;
                foreach (var start in Enumerable.Range(0, suspensions).Select(_ => days[random.Next(days.Count)]).Distinct())
                {
                    Exclude("FIXD", start, 2);
                    suspendedOn.Add(start);
                }

                if (secondary && random.NextDouble() < 0.01)
                {
                    foreach (var start in Enumerable.Range(0, 2).Select(_ => days[random.Next(days.Count)]).Distinct())
                    {
                        Exclude("LNCH", start, null);
                    }
                }

                if (secondary && random.NextDouble() < 0.002)
                {
                    Exclude("PERM", days[^random.Next(1, 15)], null);
                }

                TableEntity? month = null;
                foreach (var day in days)
                {
                    if (month is null || month.RowKey[^6..] != day.ToString("yyyyMM", CultureInfo.InvariantCulture))
                    {
                        month = new TableEntity(partition, $"{IngestEntities.MarksPrefix}{pupil}_{day:yyyyMM}") { ["PupilKey"] = pupil, ["NcYear"] = ncYear };
                        months.Add(month);
                    }

                    foreach (var session in new[] { Core.Attendance.Session.AM, Core.Attendance.Session.PM })
                    {
                        var absent = random.NextDouble() < rate + (day >= fallsFrom ? 0.25 : 0);
                        var code = suspendedOn.Contains(day) ? "E" : absent ? random.Next(2) == 0 ? "I" : "O" : session == Core.Attendance.Session.AM ? "/" : "\\";
                        month[IngestEntities.SessionProperty(day, session)] = IngestEntities.SessionValue(code, DropId);
                        marks++;
                    }
                }
            }

            await WriteAsync(attendance, months);
            await WriteAsync(exclusionsTable, excluded);
            monthRows += months.Count;
            exclusions += excluded.Count;
            seeded += count;
            await drops.SaveAsync(new DataDrop
            {
                Scope = laestab,
                DropId = DropId,
                BlobName = $"{laestab}/attendance.csv",
                Status = DropStatus.Processed,
                Kind = "AttendanceMarks",
                ReceivedAt = DateTimeOffset.UtcNow,
                ProcessedAt = DateTimeOffset.UtcNow,
                SchoolYears = [$"{laestab}|{Year}"],
            }, CancellationToken.None);
        }

        return new SeededLa(schools.Count, seeded, marks, monthRows, exclusions, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Transactions of 100 per partition, 8 in flight, as IngestDrop writes.</summary>
    private static async Task WriteAsync(TableClient table, IReadOnlyList<TableEntity> entities)
    {
        using var gate = new SemaphoreSlim(PartitionedTableWriter.DefaultConcurrency);
        await Task.WhenAll(entities.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(TableTransactions.MaxOperations)).Select(async chunk =>
        {
            await gate.WaitAsync();
            try
            {
                await table.SubmitCheckedAsync([.. chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e))]);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>The recompute as the hub composes it, on storage whose every table request <paramref name="reads"/> sees.</summary>
    public static async Task<RecomputeMeasurement> MeasureAsync(StorageAccess access)
    {
        var reads = new CountingHandler();
        // The stores read through the Azure SDK's client: its requests go through the same counting handler.
        using var sdkReads = new HttpClient(reads, disposeHandler: false);
        var tables = StorageSdkClients.Tables(access, transport: new Azure.Core.Pipeline.HttpClientTransport(sdkReads));
        var clock = new FixedClock(new DateTimeOffset(AsOf.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero));
        var recompute = new RecomputeEarlyWarningsUseCase(
            new EarlyWarningFactsReader(tables),
            new EarlyWarningStore(tables),
            new MetricFactsReader(tables),
            new DataDropStore(tables),
            Options.Create(new EarlyWarningOptions()),
            clock,
            NullLogger<RecomputeEarlyWarningsUseCase>.Instance);

        var first = await RunAsync("first (every flag written)", recompute);
        var firstReads = reads.Counts();
        var repeat = await RunAsync("repeat (same as-of, nothing to write)", recompute);

        // Where the time goes: the reads alone, then the rules alone over every pupil read.
        var options = new EarlyWarningOptions();
        var years = RecomputeEarlyWarningsUseCase.YearsToRead(options, AsOf);
        var facts = new EarlyWarningFactsReader(tables);
        var watch = Stopwatch.StartNew();
        var histories = new List<Core.EarlyWarning.PupilHistory>();
        foreach (var school in (await new DataDropStore(tables).ListAllAsync(CancellationToken.None)).Select(d => Laestab.Parse(d.Scope)).Distinct())
        {
            histories.AddRange(await facts.ReadSchoolAsync(school, years, CancellationToken.None));
        }

        var readSeconds = watch.Elapsed.TotalSeconds;
        var rules = new Core.EarlyWarning.EarlyWarningRules(options.ToThresholds());
        watch.Restart();
        var flagged = histories.Count(h => rules.Assess(h, AsOf).Flagged);
        var rulesSeconds = watch.Elapsed.TotalSeconds;
        if (flagged != repeat.Flagged)
        {
            throw new InvalidOperationException($"The rules alone flagged {flagged} pupils, the recompute {repeat.Flagged}.");
        }

        return new RecomputeMeasurement(first, repeat, firstReads, readSeconds, rulesSeconds);
    }

    private static async Task<RecomputeRun> RunAsync(string name, RecomputeEarlyWarningsUseCase recompute)
    {
        var watch = Stopwatch.StartNew();
        var result = await recompute.RecomputeAllAsync(CancellationToken.None);
        watch.Stop();
        return new RecomputeRun(name, watch.Elapsed.TotalSeconds, result.Schools, result.Pupils, result.Flagged, result.RowsWritten, IngestMeasurements.PeakResidentBytes());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>
    /// Counts the hub's own table queries (the stores' <see cref="Azure.Data.Tables.TableServiceClient"/>): per table and partition
    /// filter, the queries that begin a read and the continuation pages after them, so the benchmark can show that a
    /// school's rows are read once per recompute rather than once per pupil or rule.
    /// </summary>
    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly ConcurrentDictionary<(string Table, string Filter), int> _starts = new();
        private int _continuations;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Get && request.RequestUri is { } uri && uri.AbsolutePath.EndsWith("()", StringComparison.Ordinal))
            {
                var table = uri.AbsolutePath[(uri.AbsolutePath.LastIndexOf('/') + 1)..^2];
                var query = Uri.UnescapeDataString(uri.Query);
                if (query.Contains("NextPartitionKey", StringComparison.Ordinal) || query.Contains("NextRowKey", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _continuations);
                }
                else
                {
                    var at = query.IndexOf("$filter=", StringComparison.Ordinal);
                    var filter = at < 0 ? "" : query[(at + "$filter=".Length)..].Split('&')[0];
                    _starts.AddOrUpdate((table, filter), 1, (_, n) => n + 1);
                }
            }

            return base.SendAsync(request, cancellationToken);
        }

        public ReadCounts Counts()
        {
            var facts = _starts.Where(s => s.Key.Table is HubStorageNames.Tables.Exclusions or HubStorageNames.Tables.Attendance).ToList();
            var warnings = _starts.Where(s => s.Key.Table == HubStorageNames.Tables.EarlyWarnings).ToList();
            return new ReadCounts(
                facts.Select(s => s.Key.Filter).Distinct(StringComparer.Ordinal).Count(),
                facts.Where(s => s.Key.Table == HubStorageNames.Tables.Exclusions).Sum(s => s.Value),
                facts.Where(s => s.Key.Table == HubStorageNames.Tables.Attendance).Sum(s => s.Value),
                facts.Count == 0 ? 0 : facts.Max(s => s.Value),
                _continuations,
                warnings.Where(s => s.Key.Filter.Contains("PartitionKey", StringComparison.Ordinal)).Sum(s => s.Value),
                warnings.Where(s => s.Key.Filter.Length == 0).Sum(s => s.Value));
        }
    }
}
