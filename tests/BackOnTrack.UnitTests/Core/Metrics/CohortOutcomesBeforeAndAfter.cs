using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Metrics;

namespace BackOnTrack.UnitTests.Core.Metrics;

public class CohortOutcomesBeforeAndAfter
{
    private static readonly DateOnly Start = new(2024, 1, 8);

    private static ExclusionFact Suspension(DateOnly date, int sessions = 2, bool withdrawn = false) => new("p", "FIXD", date, sessions, "9", withdrawn);

    private static List<SessionMark> Sessions(DateOnly from, int count, int absent)
    {
        var marks = new List<SessionMark>();
        for (var i = 0; i < count; i++)
        {
            marks.Add(new SessionMark(from.AddDays(i / 2), i < absent ? AttendanceCategory.UnauthorisedAbsence : AttendanceCategory.Present));
        }

        return marks;
    }

    [Fact]
    public void CountsSuspensionsInTheYearBeforeAndTheYearFromTheStartDate()
    {
        var member = new CohortMemberFacts("p", "3724001", Start,
        [
            Suspension(Start.AddDays(-366)),
            Suspension(Start.AddDays(-365), 3),
            Suspension(Start.AddDays(-1), 4),
            Suspension(Start, 1),
            Suspension(Start.AddDays(30), 6, withdrawn: true),
            Suspension(Start.AddDays(365)),
        ], []);

        var la = Assert.Single(CohortOutcomes.Compute([member], new DateOnly(2026, 1, 1)), o => o.Scope == "LA");

        Assert.Equal((2, 7, 1, 1), (la.SuspBefore, la.SuspSessionsBefore, la.SuspAfter, la.SuspSessionsAfter));
        Assert.Equal(-50.0, la.SuspChangePct);
    }

    [Fact]
    public void CutsTheAfterWindowAtToday()
    {
        var member = new CohortMemberFacts("p", "3724001", Start, [Suspension(Start.AddDays(10)), Suspension(Start.AddDays(40))], []);

        var la = Assert.Single(CohortOutcomes.Compute([member], Start.AddDays(20)), o => o.Scope == "LA");

        Assert.Equal(1, la.SuspAfter);
        Assert.Null(la.SuspChangePct);
    }

    [Fact]
    public void CountsAPupilWhoseOwnAttendanceRoseAsImprovedAmongThoseWithBothWindows()
    {
        var better = new CohortMemberFacts("a", "3724001", Start, [], [.. Sessions(Start.AddDays(-100), 100, 40), .. Sessions(Start, 100, 10)]);
        var worse = new CohortMemberFacts("b", "3724001", Start, [], [.. Sessions(Start.AddDays(-100), 100, 10), .. Sessions(Start, 100, 20)]);
        var afterOnly = new CohortMemberFacts("c", "3722001", Start, [], Sessions(Start, 100, 0));

        var outcomes = CohortOutcomes.Compute([better, worse, afterOnly], new DateOnly(2026, 1, 1));

        var la = Assert.Single(outcomes, o => o.Scope == "LA");
        Assert.Equal((3, 2, 1), (la.Pupils, la.AttendanceCompared, la.AttendanceImproved));
        Assert.Equal(50.0, la.AttendanceImprovedShare);
        Assert.Equal(75.0, la.AttendanceRateBefore);
        Assert.Equal(100.0 * 270 / 300, la.AttendanceRateAfter);
        Assert.Equal(["3722001", "3724001", "LA"], outcomes.Select(o => o.Scope));
    }
}
