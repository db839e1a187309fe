using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.UnitTests.Core.Metrics;

/// <summary>Each DfE definition pinned on a small dataset checked by hand.</summary>
public class SchoolMetricsDefinitions
{
    private static readonly AcademicYear Year = AcademicYear.Parse("2024-25");
    private static readonly Laestab School = Laestab.Parse("3724001");

    private static SchoolYearFacts Facts(
        IReadOnlyList<ExclusionFact>? exclusions = null, IReadOnlyList<PupilAttendance>? attendance = null, int? headcount = 200,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? cohorts = null) =>
        new(School, Year, SchoolPhase.Secondary, headcount, exclusions ?? [], attendance ?? [], cohorts ?? new Dictionary<string, IReadOnlyList<string>>());

    private static MetricValues Row(IReadOnlyList<MetricRow> rows, string period = "YEAR", string breakdown = "All") =>
        Assert.Single(rows, r => r.Period == period && r.Breakdown == breakdown).Values;

    private static ExclusionFact Suspension(string pupil, DateOnly start, int sessions, bool withdrawn = false) => new(pupil, "FIXD", start, sessions, "9", withdrawn);

    /// <summary>A pupil's register: <paramref name="absent"/> authorised absences and the rest present, over consecutive school days from 2 September.</summary>
    private static PupilAttendance Pupil(string key, int possible, int absent, string ncYear = "9", params AttendanceCategory[] extra)
    {
        var marks = new List<SessionMark>();
        var day = new DateOnly(2024, 9, 2);
        for (var i = 0; i < possible; i++, day = i % 2 == 0 ? day.AddDays(1) : day)
        {
            marks.Add(new SessionMark(day, i < absent ? AttendanceCategory.AuthorisedAbsence : AttendanceCategory.Present));
        }

        marks.AddRange(extra.Select(c => new SessionMark(new DateOnly(2024, 10, 1), c)));
        return new PupilAttendance(key, ncYear, marks, []);
    }

    [Fact]
    public void DoesNotCountAWithdrawnPermanentExclusion()
    {
        var rows = SchoolMetrics.Compute(Facts(exclusions:
        [
            new ExclusionFact("p1", "PERM", new DateOnly(2025, 1, 21), null, "10", Withdrawn: true),
            new ExclusionFact("p2", "PERM", new DateOnly(2025, 2, 3), null, "10", Withdrawn: false),
        ]));

        Assert.Equal(1, Row(rows).PermExcl);
        Assert.Equal(0.5, Row(rows).PermExclRate);
    }

    [Fact]
    public void CountsTwoSuspensionsOfOnePupilAsTwoSuspensionsAndOnePupil()
    {
        var rows = SchoolMetrics.Compute(Facts(exclusions: [Suspension("p1", new DateOnly(2024, 11, 4), 2), Suspension("p1", new DateOnly(2025, 3, 3), 6)]));

        var year = Row(rows);
        Assert.Equal((2, 1, 8), (year.Susp, year.OnePlusSusp, year.SuspSessions));
        Assert.Equal(1.0, year.SuspRate);
        Assert.Equal(0.5, year.OnePlusSuspRate);
        Assert.Equal(1, Row(rows, "AUT").Susp);
        Assert.Equal(1, Row(rows, "SPR").Susp);
    }

    [Fact]
    public void LeavesLunchtimeExclusionsOutOfSuspensions()
    {
        var rows = SchoolMetrics.Compute(Facts(exclusions: [new ExclusionFact("p1", "LNCH", new DateOnly(2024, 10, 15), 1, "7", false)]));

        Assert.Equal(0, Row(rows).Susp);
    }

    [Theory]
    [InlineData("X")]
    [InlineData("Y1")]
    [InlineData("Y2")]
    [InlineData("Y3")]
    [InlineData("Y4")]
    [InlineData("Y5")]
    [InlineData("Y6")]
    [InlineData("Y7")]
    [InlineData("Q")]
    [InlineData("D")]
    [InlineData("Z")]
    [InlineData("#")]
    public void LeavesCodesOutsidePossibleSessionsOutOfAbsence(string code)
    {
        Assert.True(AttendanceCode.TryParse(code, new DateOnly(2024, 10, 1), out var parsed, out _), code);
        var pupil = Pupil("p1", possible: 20, absent: 2, extra: parsed.Category);

        var values = Row(SchoolMetrics.Compute(Facts(attendance: [pupil])));

        Assert.Equal(AttendanceCategory.NotPossibleSession, parsed.Category);
        Assert.Equal((20L, 2L), (values.PossibleSessions, values.AbsenceSessions));
    }

    [Fact]
    public void CountsAPupilAtExactlyTenPercentAbsenceAsPersistentlyAbsent()
    {
        var rows = SchoolMetrics.Compute(Facts(attendance: [Pupil("p1", 100, 10), Pupil("p2", 100, 9), Pupil("p3", 100, 50)]));

        var year = Row(rows);
        Assert.Equal(3, year.Enrolments);
        Assert.Equal(2, year.PersistentAbsentees);
        Assert.Equal(1, year.SevereAbsentees);
        Assert.Equal(200.0 / 3, year.PersistentAbsenceRate);
        Assert.Equal(100.0 * 69 / 300, year.OverallAbsenceRate);
    }

    [Fact]
    public void GivesNullNotZeroOrNaNForAPeriodWithNoPossibleSessions()
    {
        var rows = SchoolMetrics.Compute(Facts(attendance: [Pupil("p1", 20, 2)], headcount: null));

        var summer = Row(rows, "SUM");
        Assert.Equal(0, summer.Enrolments);
        Assert.Null(summer.OverallAbsenceRate);
        Assert.Null(summer.PersistentAbsenceRate);
        Assert.Null(Row(rows).PermExclRate);
    }

    [Fact]
    public void CountsAbsenceOnlyForNcYearsOneToEleven()
    {
        var rows = SchoolMetrics.Compute(Facts(attendance: [Pupil("reception", 20, 10, ncYear: "R"), Pupil("sixth", 20, 10, ncYear: "12"), Pupil("y11", 20, 1, ncYear: "11")]));

        Assert.Equal((1, 20L), (Row(rows).Enrolments, Row(rows).PossibleSessions));
    }

    [Fact]
    public void PrefersMarksToASummaryForTheSameTerm()
    {
        var marked = Pupil("p1", 20, 2) with
        {
            Summaries = [new AttendanceSummaryFact(new DateOnly(2024, 9, 2), new DateOnly(2024, 12, 20), 140, 30, 10)],
        };
        var summarised = new PupilAttendance("p2", "9", [], [new AttendanceSummaryFact(new DateOnly(2024, 9, 2), new DateOnly(2024, 12, 20), 140, 14, 7)]);

        var autumn = Row(SchoolMetrics.Compute(Facts(attendance: [marked, summarised])), "AUT");

        Assert.Equal((160L, 16L, 7L), (autumn.PossibleSessions, autumn.AuthorisedSessions, autumn.UnauthorisedSessions));
        Assert.Equal(2, autumn.PersistentAbsentees);
    }

    [Fact]
    public void CountsASummarySpanningTermsTowardsTheYearOnly()
    {
        var pupil = new PupilAttendance("p1", "9", [], [new AttendanceSummaryFact(new DateOnly(2024, 9, 2), new DateOnly(2025, 3, 28), 250, 20, 5)]);

        var rows = SchoolMetrics.Compute(Facts(attendance: [pupil]));

        Assert.Equal(250, Row(rows).PossibleSessions);
        Assert.Equal(0, Row(rows, "AUT").PossibleSessions);
    }

    [Fact]
    public void BreaksFiguresDownByNcYearAndCohortWithoutAHeadcount()
    {
        var rows = SchoolMetrics.Compute(Facts(
            exclusions: [Suspension("p1", new DateOnly(2024, 11, 4), 2), new ExclusionFact("p2", "FIXD", new DateOnly(2024, 11, 5), 1, "7", false)],
            cohorts: new Dictionary<string, IReadOnlyList<string>> { ["p1"] = ["back-on-track"] }));

        Assert.Equal(1, Row(rows, "YEAR", "NcYear-9").Susp);
        Assert.Equal(1, Row(rows, "YEAR", "NcYear-7").Susp);
        var cohort = Row(rows, "YEAR", "Cohort-back-on-track");
        Assert.Equal(1, cohort.Susp);
        Assert.Null(cohort.Headcount);
        Assert.Null(cohort.SuspRate);
    }

    [Fact]
    public void WritesEveryPeriodOfTheAllBreakdownEvenWithNothingToCount()
    {
        var rows = SchoolMetrics.Compute(Facts());

        Assert.Equal(["AUT", "SPR", "SUM", "YEAR"], rows.Where(r => r.Breakdown == "All").Select(r => r.Period));
        Assert.All(rows, r => Assert.Equal(200, r.Values.Headcount));
    }
}
