using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.EarlyWarning;
using BackOnTrack.Application.Metrics;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Messages;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Schools;
using BackOnTrack.Tests.Ports;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace BackOnTrack.UnitTests.Application.Metrics;

/// <summary>A recompute's figures, roll-up, conditional writes and cohort outcomes, from what the metric facts and the drops registry say.</summary>
public sealed class RecomputeMetricsThroughItsPorts
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 18, 0, 0, TimeSpan.Zero);
    private static readonly AcademicYear Year = AcademicYear.StartingIn(2024);
    private static readonly Laestab Secondary = Laestab.Parse("3724001");
    private static readonly Laestab Primary = Laestab.Parse("3722002");

    private readonly InMemoryMetricFacts _facts = new();
    private readonly InMemoryMetricRows _metrics = new();
    private readonly InMemoryCohortOutcomes _outcomes = new();
    private readonly InMemoryDropRegistry _drops = new();
    private readonly List<TrackerSyncRequest> _syncs = [];

    public RecomputeMetricsThroughItsPorts()
    {
        _facts.Register[Year] = new Dictionary<string, (SchoolPhase, int?)>
        {
            [Secondary.Value] = (SchoolPhase.Secondary, 1000),
            [Primary.Value] = (SchoolPhase.Primary, 400),
        };
        Processed(DropLocation.LaScope, "register", Now.AddDays(-10));
        Processed(Secondary.Value, "exclusions-secondary", Now.AddDays(-2));
        Processed(Primary.Value, "exclusions-primary", Now.AddDays(-1));
    }

    private RecomputeMetricsUseCase Recompute()
    {
        var trackerSync = new Mock<ITrackerSyncRequests>(MockBehavior.Strict);
        trackerSync.Setup(t => t.RequestAsync(It.IsAny<TrackerSyncRequest>(), It.IsAny<CancellationToken>()))
            .Callback<TrackerSyncRequest, CancellationToken>((r, _) => _syncs.Add(r))
            .Returns(Task.CompletedTask);
        var clock = new FakeClock(Now);
        // The early-warning tables are empty: no pupil is flagged, so the flags change nothing the metrics sync.
        var earlyWarnings = new RecomputeEarlyWarningsUseCase(
            new InMemoryEarlyWarningFacts(), new InMemoryEarlyWarnings(), _facts, _drops,
            Options.Create(new EarlyWarningOptions()), clock, NullLogger<RecomputeEarlyWarningsUseCase>.Instance);
        return new RecomputeMetricsUseCase(trackerSync.Object, _facts, _metrics, _drops, _outcomes, earlyWarnings, clock, NullLogger<RecomputeMetricsUseCase>.Instance);
    }

    private void Processed(string scope, string dropId, DateTimeOffset processedAt) => _drops.SaveAsync(new DataDrop
    {
        Scope = scope,
        DropId = dropId,
        BlobName = $"{scope}/{dropId}.csv",
        Status = DropStatus.Processed,
        ReceivedAt = processedAt.AddMinutes(-5),
        ProcessedAt = processedAt,
        SchoolYears = [$"{scope}|{Year}"],
    }, CancellationToken.None).GetAwaiter().GetResult();

    private void Suspension(Laestab school, string pupilKey, DateOnly start) =>
        _facts.Exclusions.Add((school, Year, new ExclusionFact(pupilKey, "FIXD", start, 2, "8", false)));

    private async Task<MetricValues> YearAllAsync(string scope) =>
        Assert.Single(await _metrics.ReadAsync(scope, Year.ToString(), CancellationToken.None), r => r.Period == "YEAR" && r.Breakdown == SchoolMetrics.All).Values;

    [Fact]
    public async Task AnLaRecomputeWritesEverySchoolsFiguresAndTheRollUpOfThemAndSyncsEachScope()
    {
        Suspension(Secondary, "p1", new DateOnly(2024, 10, 7));
        Suspension(Secondary, "p2", new DateOnly(2025, 1, 14));
        _facts.Exclusions.Add((Secondary, Year, new ExclusionFact("p3", "PERM", new DateOnly(2024, 11, 20), null, "10", false)));
        Suspension(Primary, "p4", new DateOnly(2024, 12, 2));

        var result = await Recompute().RecomputeAsync(DropLocation.LaScope, Year, CancellationToken.None);

        Assert.Equal(2, result.SchoolsRecomputed);
        Assert.Equal([Primary.Value, Secondary.Value, DropLocation.LaScope], result.ScopesChanged);
        var secondary = await YearAllAsync(Secondary.Value);
        Assert.Equal((2, 1, 1000), (secondary.Susp, secondary.PermExcl, secondary.Headcount));
        var la = await YearAllAsync(DropLocation.LaScope);
        Assert.Equal((3, 1, 1400), (la.Susp, la.PermExcl, la.Headcount));
        Assert.Equal(1, Assert.Single(await _metrics.ReadAsync(DropLocation.LaScope, Year.ToString(), CancellationToken.None), r => r.Period == "YEAR" && r.Breakdown == "Phase-Primary").Values.Susp);
        var (_, dataAsOf) = await _metrics.ReadWithDataAsOfAsync(DropLocation.LaScope, Year.ToString(), CancellationToken.None);
        Assert.Equal(Now.AddDays(-1), dataAsOf);
        Assert.Equal(
            [(Primary.Value, Year), (Secondary.Value, Year), (DropLocation.LaScope, Year)],
            _syncs.Cast<TrackerSyncRequest.Figures>().Select(s => (s.Scope.Value, s.AcademicYear)));
    }

    [Fact]
    public async Task ARecomputeOfDataThatDidNotChangeWritesNothingAndAsksForNoSync()
    {
        Suspension(Secondary, "p1", new DateOnly(2024, 10, 7));
        await Recompute().RecomputeAsync(Secondary.Value, Year, CancellationToken.None);
        _syncs.Clear();
        _metrics.Replaces.Clear();

        var result = await Recompute().RecomputeAsync(Secondary.Value, Year, CancellationToken.None);

        Assert.Empty(result.ScopesChanged);
        Assert.Empty(_syncs);
        Assert.All(_metrics.Replaces, r => Assert.Equal(MetricsWriteResult.Unchanged, r.Result));
    }

    [Fact]
    public async Task ARecomputeWhoseVersionWentStaleComputesAgainAndNeverOverwritesTheNewerFigures()
    {
        Suspension(Secondary, "p1", new DateOnly(2024, 10, 7));
        await Recompute().RecomputeAsync(Secondary.Value, Year, CancellationToken.None);
        Suspension(Secondary, "p2", new DateOnly(2025, 1, 14));
        _facts.Reads.Clear();
        _metrics.Replaces.Clear();
        // Another recompute reads a third suspension and writes its figures after this one read the version and two.
        _metrics.BeforeNextReplace = async () =>
        {
            Suspension(Secondary, "p3", new DateOnly(2025, 2, 3));
            var version = await _metrics.ReadVersionAsync(Secondary.Value, Year.ToString(), CancellationToken.None);
            var rows = SchoolMetrics.Compute(await _facts.ReadAsync(Secondary, Year, new Dictionary<string, IReadOnlyList<string>>(), CancellationToken.None));
            await _metrics.ReplaceAsync(version, rows, Now.AddDays(-1), CancellationToken.None);
        };
        Processed(Secondary.Value, "exclusions-secondary-2", Now.AddDays(-1));

        var result = await Recompute().RecomputeAsync(Secondary.Value, Year, CancellationToken.None);

        Assert.Equal(3, (await YearAllAsync(Secondary.Value)).Susp);
        Assert.Equal(
            [MetricsWriteResult.Written, MetricsWriteResult.Conflict, MetricsWriteResult.Unchanged],
            _metrics.Replaces.Where(r => r.Scope == Secondary.Value).Select(r => r.Result));
        Assert.Equal(3, _facts.Reads.Count(r => r.School == Secondary));
        // The other recompute reported the school's new figures; this one found them already written.
        Assert.Equal([DropLocation.LaScope], result.ScopesChanged);
        Assert.Equal(3, (await YearAllAsync(DropLocation.LaScope)).Susp);
    }

    [Fact]
    public async Task ASchoolsRecomputeReplacesTheOutcomesOfOnlyTheCohortsWithAMemberThere()
    {
        _facts.CohortMembers.Add(("Back-on-Track", "p1", Secondary, new DateOnly(2024, 11, 4)));
        _facts.CohortMembers.Add(("Reading-Recovery", "p4", Primary, new DateOnly(2024, 11, 11)));
        Suspension(Secondary, "p1", new DateOnly(2024, 10, 7));
        Suspension(Secondary, "p1", new DateOnly(2025, 1, 14));

        var result = await Recompute().RecomputeAsync(Secondary.Value, Year, CancellationToken.None);

        Assert.Equal(1, result.CohortsRecomputed);
        Assert.Equal([("Back-on-Track", Now)], _outcomes.Replaces);
        var outcomes = await _outcomes.ReadAllAsync(CancellationToken.None);
        Assert.Equal([(Secondary.Value, 1, 1, 1), (DropLocation.LaScope, 1, 1, 1)], outcomes.Select(o => (o.Outcome.Scope, o.Outcome.Pupils, o.Outcome.SuspBefore, o.Outcome.SuspAfter)));
        Assert.Equal(2, Assert.Single(await _metrics.ReadAsync(Secondary.Value, Year.ToString(), CancellationToken.None), r => r.Period == "YEAR" && r.Breakdown == "Cohort-Back-on-Track").Values.Susp);
    }
}
