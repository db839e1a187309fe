using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Metrics;

namespace BackOnTrack.UnitTests.Core.EarlyWarning;

public class TheFlagRule
{
    private static readonly DateOnly AsOf = new(2025, 3, 14);

    private static readonly ExclusionFact[] TwoSuspensions =
    [
        new("p", "FIXD", AsOf.AddDays(-3), 2, "10", false),
        new("p", "FIXD", AsOf.AddDays(-40), 1, "10", false),
    ];

    private static readonly RegisterMark[] AbsentOneInFive = Enumerable.Range(0, 50)
        .Select(i => new RegisterMark(AsOf.AddDays(-(i / 2)), i % 2 == 0 ? Session.PM : Session.AM, i % 5 == 0 ? "O" : "/",
            i % 5 == 0 ? AttendanceCategory.UnauthorisedAbsence : AttendanceCategory.Present))
        .ToArray();

    private static EarlyWarningAssessment Assess(ExclusionFact[] exclusions, RegisterMark[] marks, EarlyWarningThresholds? thresholds = null) =>
        new EarlyWarningRules(thresholds ?? new EarlyWarningThresholds()).Assess(new PupilHistory("p", "10", exclusions, marks, []), AsOf);

    [Fact]
    public void ABehaviourReasonWithAnAttendanceReasonFlagsThePupil()
    {
        var assessment = Assess(TwoSuspensions, AbsentOneInFive);

        Assert.True(assessment.Flagged);
        Assert.Equal([EarlyWarningReason.RepeatSuspensions, EarlyWarningReason.SuspensionsRising, EarlyWarningReason.PersistentAbsence], assessment.Reasons.Select(r => r.Reason));
    }

    [Fact]
    public void EitherSideAloneDoesNotFlag()
    {
        Assert.False(Assess(TwoSuspensions, []).Flagged);
        Assert.False(Assess([], AbsentOneInFive).Flagged);
        Assert.NotEmpty(Assess([], AbsentOneInFive).Reasons);
    }

    [Fact]
    public void AReasonSetAsSufficientAloneFlagsWithoutTheOtherSide()
    {
        var thresholds = new EarlyWarningThresholds { SufficientAlone = new HashSet<EarlyWarningReason> { EarlyWarningReason.RepeatSuspensions } };

        Assert.True(Assess(TwoSuspensions, [], thresholds).Flagged);
        Assert.False(Assess([], AbsentOneInFive, thresholds).Flagged);
    }

    [Fact]
    public void APupilWithNothingStoredHasNoReasons()
    {
        var assessment = Assess([], []);

        Assert.False(assessment.Flagged);
        Assert.Empty(assessment.Reasons);
    }
}
