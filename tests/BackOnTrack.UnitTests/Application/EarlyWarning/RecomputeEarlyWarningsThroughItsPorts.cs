using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.EarlyWarning;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Tests.Ports;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.UnitTests.Application.EarlyWarning;

/// <summary>A school's early-warning recompute, from the facts read to the rows written, on in-memory tables.</summary>
public sealed class RecomputeEarlyWarningsThroughItsPorts
{
    private static readonly DateTimeOffset Now = new(2025, 12, 19, 7, 0, 0, TimeSpan.Zero);
    private static readonly Laestab School = Laestab.Parse("3724001");
    private static readonly string Suspended = new('a', 32);
    private static readonly string Settled = new('b', 32);

    private readonly InMemoryEarlyWarningFacts _facts = new();
    private readonly InMemoryEarlyWarnings _flags = new();
    private readonly InMemoryMetricFacts _cohorts = new();
    private readonly InMemoryDropRegistry _drops = new();

    public RecomputeEarlyWarningsThroughItsPorts()
    {
        _facts.Pupils[(School.Value, AcademicYear.FromDate(DateOnly.FromDateTime(Now.UtcDateTime)))] =
        [
            Pupil(Suspended, new DateOnly(2025, 11, 3), new DateOnly(2025, 12, 1)),
            Pupil(Settled, new DateOnly(2025, 10, 6)),
        ];
    }

    private static PupilHistory Pupil(string key, params DateOnly[] suspensions) =>
        new(key, "Y9", [.. suspensions.Select(start => new ExclusionFact(key, "FIXD", start, 2, "Y9", Withdrawn: false))], [], []);

    // Repeat suspensions flag on their own here, so one rule decides and the test is about the writes, not the rules.
    private RecomputeEarlyWarningsUseCase UseCase() => new(
        _facts, _flags, _cohorts, _drops, Options.Create(new EarlyWarningOptions { SufficientAlone = "RepeatSuspensions" }), new FakeClock(Now),
        NullLogger<RecomputeEarlyWarningsUseCase>.Instance);

    [Fact]
    public async Task APupilNewlyFlaggedIsWrittenAsNewWithTheEvidenceAndAPupilWhoNeverWasGetsNoRow()
    {
        var result = await UseCase().RecomputeSchoolAsync(School, CancellationToken.None);

        var (school, flag) = Assert.Single(_flags.Rows);
        Assert.Equal((School.Value, Suspended, true, EarlyWarningStatus.New), (school, flag.PupilKey, flag.Flagged, flag.Status));
        var evidence = Assert.Single(flag.Evidence, e => e.Reason == EarlyWarningReason.RepeatSuspensions);
        Assert.Equal((2, new DateOnly(2025, 11, 3), new DateOnly(2025, 12, 1)), (evidence.Count, evidence.First, evidence.Last));
        Assert.Equal((1, 1), (result.Flagged, result.NewlyFlagged));
        Assert.Equal([School.Value], result.SchoolsChanged);
    }

    [Fact]
    public async Task ARecomputeOfUnchangedDataWritesNothing()
    {
        await UseCase().RecomputeSchoolAsync(School, CancellationToken.None);

        var again = await UseCase().RecomputeSchoolAsync(School, CancellationToken.None);

        Assert.Equal(1, _flags.WritesBySchool[School.Value]);
        Assert.Equal((0, 0), (again.RowsWritten, again.RowsRemoved));
        Assert.Empty(again.SchoolsChanged);
    }

    [Fact]
    public async Task APupilTheSchoolHoldsNoRecordOfAnyMoreLosesTheirRow()
    {
        var erased = new string('c', 32);
        _flags.Put(School.Value, new EarlyWarningFlag(erased, true, [], "Y10", "", EarlyWarningStatus.Continuing, Now.AddDays(-60), Now.AddDays(-7), new DateOnly(2025, 12, 12)));

        var result = await UseCase().RecomputeSchoolAsync(School, CancellationToken.None);

        Assert.DoesNotContain(_flags.Rows, r => r.Flag.PupilKey == erased);
        Assert.Equal(1, result.RowsRemoved);
    }

    [Fact]
    public async Task ARowAnotherRecomputeWroteBetweenTheReadAndTheWriteIsReadAgainNotOverwrittenBlind()
    {
        var other = new EarlyWarningFlag(Suspended, true, [], "Y9", "", EarlyWarningStatus.New, Now.AddDays(-1), Now.AddDays(-1), new DateOnly(2025, 12, 18));
        _flags.BeforeNextWrite = () => _flags.Put(School.Value, other);

        await UseCase().RecomputeSchoolAsync(School, CancellationToken.None);

        Assert.Equal(2, _flags.WritesBySchool[School.Value]);
        var (_, flag) = Assert.Single(_flags.Rows);
        // Computed from the row the other recompute wrote: still flagged since it first was, and now with this run's evidence.
        Assert.Equal((other.FirstFlaggedAt, new DateOnly(2025, 12, 19)), (flag.FirstFlaggedAt, flag.AsOf));
        Assert.Contains(flag.Evidence, e => e.Reason == EarlyWarningReason.RepeatSuspensions);
    }
}
