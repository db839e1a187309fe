using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Metrics;

namespace BackOnTrack.UnitTests.Core.EarlyWarning;

public class EarlyWarningRulesAtTheirEdges
{
    private static readonly DateOnly AsOf = new(2025, 3, 14);
    private static readonly EarlyWarningRules Defaults = new(new EarlyWarningThresholds());

    private static ExclusionFact Exclusion(string category, int daysBefore, bool withdrawn = false) =>
        new("p", category, AsOf.AddDays(-daysBefore), category == "PERM" ? null : 2, "9", withdrawn);

    /// <summary>Two sessions a day going back from the as-of date; index 0 is the newest (the as-of afternoon).</summary>
    private static List<RegisterMark> Marks(int count, Func<int, string> codeOfNewestFirst, DateOnly? newest = null)
    {
        var last = newest ?? AsOf;
        var marks = new List<RegisterMark>();
        for (var i = 0; i < count; i++)
        {
            var date = last.AddDays(-(i / 2));
            var code = codeOfNewestFirst(i);
            Assert.True(AttendanceCode.TryParse(code, date, out var parsed, out _), code);
            marks.Add(new RegisterMark(date, i % 2 == 0 ? Session.PM : Session.AM, parsed.Code, parsed.Category));
        }

        return marks;
    }

    private static PupilHistory Pupil(IReadOnlyList<ExclusionFact>? exclusions = null, IReadOnlyList<RegisterMark>? marks = null,
        IReadOnlyList<AttendanceSummaryFact>? summaries = null) => new("p", "9", exclusions ?? [], marks ?? [], summaries ?? []);

    private static List<EarlyWarningReason> ReasonsOf(PupilHistory pupil, EarlyWarningRules? rules = null) =>
        (rules ?? Defaults).Assess(pupil, AsOf).Reasons.Select(r => r.Reason).ToList();

    [Fact]
    public void TwoSuspensionsInsideNinetyDaysAreRepeatSuspensionsButOneExactlyNinetyDaysOldIsNot()
    {
        Assert.Contains(EarlyWarningReason.RepeatSuspensions, ReasonsOf(Pupil([Exclusion("FIXD", 0), Exclusion("FIXD", 89)])));
        Assert.DoesNotContain(EarlyWarningReason.RepeatSuspensions, ReasonsOf(Pupil([Exclusion("FIXD", 0), Exclusion("FIXD", 90)])));
    }

    [Fact]
    public void WithdrawnSuspensionsAreNotCounted()
    {
        var reasons = ReasonsOf(Pupil([Exclusion("FIXD", 3), Exclusion("FIXD", 10, withdrawn: true)]));

        Assert.DoesNotContain(EarlyWarningReason.RepeatSuspensions, reasons);
        Assert.DoesNotContain(EarlyWarningReason.SuspensionsRising, reasons);
    }

    [Fact]
    public void SuspensionsAfterTheAsOfDateAreNotYetKnown()
    {
        Assert.DoesNotContain(EarlyWarningReason.RepeatSuspensions, ReasonsOf(Pupil([Exclusion("FIXD", 0), Exclusion("FIXD", -1)])));
    }

    [Fact]
    public void SuspensionsRiseWhenTheRecentWindowHasMoreAndBothWindowsHoldAtLeastTwo()
    {
        var evidence = Assert.Single(Defaults.Assess(Pupil([Exclusion("FIXD", 5), Exclusion("FIXD", 20), Exclusion("FIXD", 100)]), AsOf).Reasons,
            r => r.Reason == EarlyWarningReason.SuspensionsRising);
        Assert.Equal((2, 1), (evidence.Count, evidence.PreviousCount));

        Assert.DoesNotContain(EarlyWarningReason.SuspensionsRising, ReasonsOf(Pupil([Exclusion("FIXD", 5), Exclusion("FIXD", 100)])));
        Assert.DoesNotContain(EarlyWarningReason.SuspensionsRising, ReasonsOf(Pupil([Exclusion("FIXD", 5)])));
        Assert.DoesNotContain(EarlyWarningReason.SuspensionsRising, ReasonsOf(Pupil([Exclusion("FIXD", 5), Exclusion("FIXD", 179), Exclusion("FIXD", 120)])));
        Assert.DoesNotContain(EarlyWarningReason.SuspensionsRising, ReasonsOf(Pupil([Exclusion("FIXD", 5), Exclusion("FIXD", 180)])));
    }

    [Fact]
    public void AWithdrawnPermanentExclusionCountsForAYearAndAnUpheldOneDoesNot()
    {
        Assert.Contains(EarlyWarningReason.WithdrawnPermanent, ReasonsOf(Pupil([Exclusion("PERM", 364, withdrawn: true)])));
        Assert.DoesNotContain(EarlyWarningReason.WithdrawnPermanent, ReasonsOf(Pupil([Exclusion("PERM", 365, withdrawn: true)])));
        Assert.DoesNotContain(EarlyWarningReason.WithdrawnPermanent, ReasonsOf(Pupil([Exclusion("PERM", 30)])));
    }

    [Fact]
    public void TwoLunchtimeExclusionsInNinetyDaysHoldAndOneDoesNot()
    {
        Assert.Contains(EarlyWarningReason.LunchtimeExclusions, ReasonsOf(Pupil([Exclusion("LNCH", 1), Exclusion("LNCH", 89)])));
        Assert.DoesNotContain(EarlyWarningReason.LunchtimeExclusions, ReasonsOf(Pupil([Exclusion("LNCH", 1)])));
    }

    [Fact]
    public void AttendanceFallingExactlyTenPointsHoldsAndJustUnderDoesNot()
    {
        // Baseline 120 sessions all present (100%); recent 40 with 4 absent is exactly 90%, 10 points down.
        var exactlyTen = Marks(160, i => i < 4 ? "O" : "/");
        var evidence = Assert.Single(Defaults.Assess(Pupil(marks: exactlyTen), AsOf).Reasons);
        Assert.Equal((EarlyWarningReason.AttendanceFalling, 90.0m, 100.0m), (evidence.Reason, evidence.Percent!.Value, evidence.BaselinePercent!.Value));

        Assert.DoesNotContain(EarlyWarningReason.AttendanceFalling, ReasonsOf(Pupil(marks: Marks(160, i => i < 3 ? "O" : "/"))));
    }

    [Fact]
    public void AttendanceFallingNeedsSixtyBaselineSessions()
    {
        Assert.Contains(EarlyWarningReason.AttendanceFalling, ReasonsOf(Pupil(marks: Marks(100, i => i < 20 ? "O" : "/"))));
        Assert.DoesNotContain(EarlyWarningReason.AttendanceFalling, ReasonsOf(Pupil(marks: Marks(99, i => i < 20 ? "O" : "/"))));
    }

    [Fact]
    public void SuspendedSessionsAreAbsenceNotAttendance()
    {
        // Code E (suspended, no alternative provision) in the recent sessions lowers attendance like any absence.
        Assert.Contains(EarlyWarningReason.AttendanceFalling, ReasonsOf(Pupil(marks: Marks(160, i => i < 4 ? "E" : "/"))));
    }

    [Fact]
    public void PersistentAbsenceStartsAtExactlyTenPercentOfTheYearToDate()
    {
        var tenPercent = Marks(100, i => i % 10 == 0 ? "O" : "/");
        var evidence = Assert.Single(Defaults.Assess(Pupil(marks: tenPercent), AsOf).Reasons);
        Assert.Equal((EarlyWarningReason.PersistentAbsence, 10.0m, 100), (evidence.Reason, evidence.Percent!.Value, evidence.Sessions!.Value));

        Assert.Empty(ReasonsOf(Pupil(marks: Marks(101, i => i % 10 == 0 && i < 100 ? "O" : "/"))));
    }

    [Fact]
    public void SevereAbsenceIsAlsoPersistentAbsence()
    {
        Assert.Equal([EarlyWarningReason.PersistentAbsence, EarlyWarningReason.SevereAbsence],
            ReasonsOf(Pupil(marks: Marks(20, i => i % 2 == 0 ? "N" : "/"))));
    }

    [Fact]
    public void MarksTakePrecedenceOverASummaryOfTheSamePeriod()
    {
        var marks = Marks(40, _ => "/", newest: new DateOnly(2024, 10, 20));
        var sameAutumn = new AttendanceSummaryFact(new DateOnly(2024, 9, 2), new DateOnly(2024, 12, 20), 140, 30, 20);
        var spring = new AttendanceSummaryFact(new DateOnly(2025, 1, 6), new DateOnly(2025, 2, 14), 60, 6, 4);

        Assert.Empty(ReasonsOf(Pupil(marks: marks, summaries: [sameAutumn])));
        var evidence = Assert.Single(Defaults.Assess(Pupil(marks: marks, summaries: [sameAutumn, spring]), AsOf).Reasons);
        Assert.Equal((EarlyWarningReason.PersistentAbsence, 10, 100), (evidence.Reason, evidence.Count!.Value, evidence.Sessions!.Value));
    }

    [Fact]
    public void AC2SessionInTheLastFortyIsAPartTimeTimetable()
    {
        Assert.Contains(EarlyWarningReason.PartTimeTimetable, ReasonsOf(Pupil(marks: Marks(60, i => i == 39 ? "C2" : "/"))));
        Assert.DoesNotContain(EarlyWarningReason.PartTimeTimetable, ReasonsOf(Pupil(marks: Marks(60, i => i == 40 ? "C2" : "/"))));
    }

    [Fact]
    public void C2MeansAPartTimeTimetableOnlyInTheCodeSetThatHasIt()
    {
        var before2024Set = new DateOnly(2024, 7, 15);
        var oldMark = new RegisterMark(before2024Set, Session.AM, "C2", AttendanceCategory.AuthorisedAbsence);
        var rule = new PartTimeTimetableRule(40);

        Assert.Null(rule.Evaluate(Pupil(marks: [oldMark]), before2024Set));
        Assert.NotNull(rule.Evaluate(Pupil(marks: [oldMark with { Date = AttendanceCode.CurrentSetFrom }]), AttendanceCode.CurrentSetFrom));
    }

    [Fact]
    public void APupilWhoMovedSchoolMidWindowIsJudgedOnBothSchoolsRecords()
    {
        // The history is by pupil key, so one suspension at the old school and one at the new make two.
        var oldSchool = Exclusion("FIXD", 60) with { NcYear = "8" };
        var newSchool = Exclusion("FIXD", 10);

        Assert.Contains(EarlyWarningReason.RepeatSuspensions, ReasonsOf(Pupil([oldSchool, newSchool])));
    }
}
