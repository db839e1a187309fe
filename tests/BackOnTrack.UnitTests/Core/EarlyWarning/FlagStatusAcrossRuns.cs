using BackOnTrack.Core.EarlyWarning;

namespace BackOnTrack.UnitTests.Core.EarlyWarning;

public class FlagStatusAcrossRuns
{
    private static readonly DateOnly Week1 = new(2025, 3, 10);
    private static readonly DateOnly Week2 = new(2025, 3, 17);
    private static readonly DateTimeOffset At1 = new(2025, 3, 10, 5, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset At2 = new(2025, 3, 17, 5, 0, 0, TimeSpan.Zero);

    private static readonly ReasonEvidence Suspensions = new(EarlyWarningReason.RepeatSuspensions, Count: 2, First: new(2025, 2, 3), Last: new(2025, 3, 3));
    private static readonly ReasonEvidence Absence = new(EarlyWarningReason.PersistentAbsence, Count: 12, Percent: 11.2m, Sessions: 107);

    private static EarlyWarningAssessment Flagged(params ReasonEvidence[] reasons) => new("p", "9", true, reasons);

    private static EarlyWarningAssessment NotFlagged(params ReasonEvidence[] reasons) => new("p", "9", false, reasons);

    [Fact]
    public void APupilNeverFlaggedHasNoRow()
    {
        Assert.Null(EarlyWarningFlag.Next(null, NotFlagged(Absence), "", Week1, At1));
    }

    [Fact]
    public void AFirstFlagIsNewAndDatedNow()
    {
        var flag = EarlyWarningFlag.Next(null, Flagged(Suspensions, Absence), "", Week1, At1)!;

        Assert.Equal(EarlyWarningStatus.New, flag.Status);
        Assert.Equal(At1, flag.FirstFlaggedAt);
        Assert.Equal(Week1, flag.AsOf);
    }

    [Fact]
    public void TheSameAsOfDateTwiceGivesTheSameRowSoNothingIsWritten()
    {
        var first = EarlyWarningFlag.Next(null, Flagged(Suspensions, Absence), "", Week1, At1)!;

        var again = EarlyWarningFlag.Next(first, Flagged(Suspensions, Absence), "", Week1, At1.AddHours(3))!;

        Assert.True(again.SameAs(first));
        Assert.Equal(EarlyWarningStatus.New, again.Status);
    }

    [Fact]
    public void AFlagStillHoldingAWeekLaterIsContinuingAndKeepsWhenItWasFirstFlagged()
    {
        var first = EarlyWarningFlag.Next(null, Flagged(Suspensions, Absence), "", Week1, At1)!;

        var next = EarlyWarningFlag.Next(first, Flagged(Suspensions, Absence), "", Week2, At2)!;

        Assert.Equal(EarlyWarningStatus.Continuing, next.Status);
        Assert.Equal(At1, next.FirstFlaggedAt);
        Assert.Equal(At2, next.LastChangedAt);
    }

    [Fact]
    public void AFlagThatNoLongerHoldsIsClearedAndAReturnIsNewWithTheFirstDateKept()
    {
        var first = EarlyWarningFlag.Next(null, Flagged(Suspensions, Absence), "", Week1, At1)!;
        var cleared = EarlyWarningFlag.Next(first, NotFlagged(Absence), "", Week2, At2)!;

        var back = EarlyWarningFlag.Next(cleared, Flagged(Suspensions, Absence), "", Week2.AddDays(7), At2.AddDays(7))!;

        Assert.Equal(EarlyWarningStatus.Cleared, cleared.Status);
        Assert.False(cleared.Flagged);
        Assert.Equal([EarlyWarningReason.PersistentAbsence], cleared.Reasons);
        Assert.Equal(EarlyWarningStatus.New, back.Status);
        Assert.Equal(At1, back.FirstFlaggedAt);
    }

    [Fact]
    public void AClearedRowWhoseReasonsDoNotChangeKeepsWhenItLastChanged()
    {
        var first = EarlyWarningFlag.Next(null, Flagged(Suspensions, Absence), "", Week1, At1)!;
        var cleared = EarlyWarningFlag.Next(first, NotFlagged(Absence), "", Week2, At2)!;

        var later = EarlyWarningFlag.Next(cleared, NotFlagged(Absence with { Count = 13 }), "", Week2.AddDays(7), At2.AddDays(7))!;

        Assert.Equal(EarlyWarningStatus.Cleared, later.Status);
        Assert.Equal(At2, later.LastChangedAt);
        Assert.Equal(13, later.Evidence[0].Count);
    }
}
