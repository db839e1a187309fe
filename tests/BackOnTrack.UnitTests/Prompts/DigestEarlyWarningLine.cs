using BackOnTrack.Application.Prompts;
using BackOnTrack.Core.EarlyWarning;

namespace BackOnTrack.UnitTests.Prompts;

public class DigestEarlyWarningLine
{
    private static readonly DateOnly AsOf = new(2026, 11, 30);

    private static EarlyWarningFlag Flag(string pupil, bool flagged, DateOnly firstFlagged) => new(
        pupil, flagged, [new ReasonEvidence(EarlyWarningReason.RepeatSuspensions, Count: 2)], "9", "None",
        flagged ? EarlyWarningStatus.Continuing : EarlyWarningStatus.Cleared,
        new DateTimeOffset(firstFlagged.ToDateTime(new TimeOnly(5, 0)), TimeSpan.Zero), new DateTimeOffset(firstFlagged.ToDateTime(new TimeOnly(5, 0)), TimeSpan.Zero), AsOf);

    private static List<EarlyWarningFlag> School(int flagged, int newThisWeek, int cleared = 0) =>
    [
        .. Enumerable.Range(0, flagged).Select(i => Flag($"p{Guid.NewGuid():N}", true, i < newThisWeek ? AsOf.AddDays(-2) : AsOf.AddDays(-40))),
        .. Enumerable.Range(0, cleared).Select(_ => Flag($"p{Guid.NewGuid():N}", false, AsOf.AddDays(-3))),
    ];

    [Fact]
    public void CountsTheFlaggedPupilsAndThoseFirstFlaggedThisWeekAndNamesTheSchoolsWithMost()
    {
        var bySchool = new Dictionary<string, List<EarlyWarningFlag>>
        {
            ["3724001"] = School(flagged: 5, newThisWeek: 3, cleared: 4),
            ["3721100"] = School(flagged: 4, newThisWeek: 0),
            ["3722002"] = School(flagged: 3, newThisWeek: 1),
            ["3723003"] = School(flagged: 3, newThisWeek: 0),
        };

        var line = DigestEarlyWarnings.From(bySchool, AsOf)!;

        Assert.Equal("Early warning", line.Label);
        Assert.Equal("15 pupils flagged, 4 new this week; most at 3724001 (5), 3721100 (4), 3722002 (3)", line.Value);
    }

    [Fact]
    public void CountsOfOneOrTwoAreShownAsFewerThanThreeAndSuchASchoolIsNotNamed()
    {
        var bySchool = new Dictionary<string, List<EarlyWarningFlag>> { ["3724001"] = School(flagged: 2, newThisWeek: 1, cleared: 6) };

        Assert.Equal("fewer than 3 pupils flagged, fewer than 3 new this week", DigestEarlyWarnings.From(bySchool, AsOf)!.Value);
    }

    [Fact]
    public void APupilFirstFlaggedExactlyAWeekBeforeIsNotNewThisWeek()
    {
        var bySchool = new Dictionary<string, List<EarlyWarningFlag>>
        {
            ["3724001"] = [Flag("a", true, AsOf.AddDays(-7)), Flag("b", true, AsOf.AddDays(-6)), Flag("c", true, AsOf.AddDays(-6)), Flag("d", true, AsOf.AddDays(-6))],
        };

        Assert.Equal("4 pupils flagged, 3 new this week; most at 3724001 (4)", DigestEarlyWarnings.From(bySchool, AsOf)!.Value);
    }

    [Fact]
    public void NoEarlyWarningRowsMeansNoLine() =>
        Assert.Null(DigestEarlyWarnings.From(new Dictionary<string, List<EarlyWarningFlag>>(), AsOf));
}
