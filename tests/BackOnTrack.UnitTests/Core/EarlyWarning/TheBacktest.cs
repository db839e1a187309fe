using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;

namespace BackOnTrack.UnitTests.Core.EarlyWarning;

public class TheBacktest
{
    private static readonly AcademicYear Year = AcademicYear.StartingIn(2024);
    private static readonly EarlyWarningRules Rules = new(new EarlyWarningThresholds());

    /// <summary>Every weekday session from 2 September 2024 to the day before <paramref name="until"/>; absent one morning in three from <paramref name="absentFrom"/>.</summary>
    private static List<RegisterMark> Marks(DateOnly until, DateOnly absentFrom)
    {
        var marks = new List<RegisterMark>();
        var n = 0;
        for (var day = new DateOnly(2024, 9, 2); day < until; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var absent = day >= absentFrom && n++ % 3 == 0;
            marks.Add(new RegisterMark(day, Session.AM, absent ? "O" : "/", absent ? AttendanceCategory.UnauthorisedAbsence : AttendanceCategory.Present));
            marks.Add(new RegisterMark(day, Session.PM, "\\", AttendanceCategory.Present));
        }

        return marks;
    }

    private static ExclusionFact Suspension(string pupil, DateOnly start) => new(pupil, "FIXD", start, 2, "10", false);

    /// <summary>Suspended in October and November with absence from October, permanently excluded on 3 March 2025.</summary>
    private static PupilHistory Excluded() => new("excluded", "10",
        [Suspension("excluded", new(2024, 10, 7)), Suspension("excluded", new(2024, 11, 11)), new("excluded", "PERM", new(2025, 3, 3), null, "10", false)],
        Marks(new(2025, 3, 3), new(2024, 10, 1)), []);

    /// <summary>Flagged the same way (suspended twice, absent) but never excluded.</summary>
    private static PupilHistory FalseAlarm() => new("alarm", "9",
        [Suspension("alarm", new(2025, 1, 13)), Suspension("alarm", new(2025, 2, 10))], Marks(new(2025, 7, 22), new(2024, 10, 1)), []);

    /// <summary>Excluded out of the blue: no suspension, full attendance.</summary>
    private static PupilHistory Unforeseen() => new("sudden", "8",
        [new("sudden", "PERM", new(2025, 5, 12), null, "8", false)], Marks(new(2025, 5, 12), new(2030, 1, 1)), []);

    private static BacktestRow FlagRow(BacktestResult result, BacktestOutcome outcome) => result.Outcomes[outcome].Single(r => r.Rule == EarlyWarningBacktest.FlagRule);

    [Fact]
    public void MonthlyAsOfDatesAreTheLastDayOfEachMonthFromSeptemberToJulyAndNeverPastToday()
    {
        var dates = EarlyWarningBacktest.AsOfDates(Year, BacktestInterval.Monthly, new DateOnly(2030, 1, 1));

        Assert.Equal(11, dates.Count);
        Assert.Equal((new DateOnly(2024, 9, 30), new DateOnly(2025, 2, 28), new DateOnly(2025, 7, 31)), (dates[0], dates[5], dates[^1]));
        Assert.Equal(3, EarlyWarningBacktest.AsOfDates(Year, BacktestInterval.Monthly, new DateOnly(2024, 12, 30)).Count);
        var weekly = EarlyWarningBacktest.AsOfDates(Year, BacktestInterval.Weekly, new DateOnly(2030, 1, 1));
        Assert.Equal(new DateOnly(2024, 9, 6), weekly[0]);
        Assert.All(weekly, d => Assert.Equal(DayOfWeek.Friday, d.DayOfWeek));
    }

    [Fact]
    public void APupilFlaggedMonthsBeforeTheirExclusionIsCaughtWithTheLeadTimeFromTheirFirstFlag()
    {
        var result = EarlyWarningBacktest.Run([Excluded(), FalseAlarm(), Unforeseen()], Rules, Year,
            EarlyWarningBacktest.AsOfDates(Year, BacktestInterval.Monthly, new DateOnly(2030, 1, 1)), 28);

        var flag = FlagRow(result, BacktestOutcome.PermanentExclusion);
        // Flagged at the end of November (two suspensions, persistent absence), excluded 3 March: 93 days ahead.
        Assert.Equal((2, 1, 93d), (flag.Pupils, flag.Caught, flag.MedianLeadDays));
        Assert.Equal((2, 1, 1), (flag.Held, flag.HeldThenOutcome, flag.FalseAlarms));
        Assert.Equal((0.5, 0.5), (flag.CaughtShare, flag.HitShare));
        Assert.Equal(3, result.PupilsAssessed);
    }

    [Fact]
    public void AFlagLessThanTheLeadDaysBeforeTheExclusionIsNotCaughtButIsNoFalseAlarm()
    {
        // Flagged as of 30 November (the suspensions of 7 October and 11 November, absence since October).
        static PupilHistory ExcludedOn(DateOnly date) =>
            Excluded() with { Exclusions = [.. Excluded().Exclusions.Select(e => e.Category == "PERM" ? e with { StartDate = date } : e)] };
        DateOnly[] asOf = [new(2024, 11, 30)];

        var late = FlagRow(EarlyWarningBacktest.Run([ExcludedOn(new(2024, 12, 27))], Rules, Year, asOf, 28), BacktestOutcome.PermanentExclusion);
        Assert.Equal((1, 0, (double?)null), (late.Pupils, late.Caught, late.MedianLeadDays));
        Assert.Equal((1, 1, 0), (late.Held, late.HeldThenOutcome, late.FalseAlarms));

        var justInTime = FlagRow(EarlyWarningBacktest.Run([ExcludedOn(new(2024, 12, 28))], Rules, Year, asOf, 28), BacktestOutcome.PermanentExclusion);
        Assert.Equal((1, 28d), (justInTime.Caught, justInTime.MedianLeadDays));
    }

    [Fact]
    public void EachReasonIsScoredAloneBesideTheFlagRuleAndAWithdrawnExclusionIsNoOutcome()
    {
        var withdrawn = Excluded() with { Exclusions = [.. Excluded().Exclusions.Select(e => e.Category == "PERM" ? e with { Withdrawn = true } : e)] };

        var result = EarlyWarningBacktest.Run([withdrawn], Rules, Year, EarlyWarningBacktest.AsOfDates(Year, BacktestInterval.Monthly, new DateOnly(2030, 1, 1)), 28);

        var rows = result.Outcomes[BacktestOutcome.PermanentExclusion];
        Assert.Equal([.. Enum.GetNames<EarlyWarningReason>(), EarlyWarningBacktest.FlagRule], rows.Select(r => r.Rule));
        Assert.All(rows, r => Assert.Equal(0, r.Pupils));
        Assert.Equal(1, rows.Single(r => r.Rule == "RepeatSuspensions").Held);
        // The suspensions are the other outcome: both came before the flag, so it foresaw none of them.
        var suspensions = FlagRow(result, BacktestOutcome.Suspension);
        Assert.Equal((1, 0, 1, 0, 1), (suspensions.Pupils, suspensions.Caught, suspensions.Held, suspensions.HeldThenOutcome, suspensions.FalseAlarms));
    }
}
