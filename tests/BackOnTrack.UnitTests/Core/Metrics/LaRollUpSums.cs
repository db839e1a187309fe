using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.UnitTests.Core.Metrics;

public class LaRollUpSums
{
    private static MetricRow All(int headcount, int perm, int susp, int onePlus) =>
        new("YEAR", "All", new MetricValues { Headcount = headcount, PermExcl = perm, Susp = susp, OnePlusSusp = onePlus });

    [Fact]
    public void TotalsPrimarySecondaryAndSpecialButKeepsAlternativeProvisionUnderItsOwnPhase()
    {
        var rows = LaRollUp.Sum(
        [
            new SchoolRows("3722001", SchoolPhase.Primary, [All(300, 0, 3, 2)]),
            new SchoolRows("3724001", SchoolPhase.Secondary, [All(1000, 2, 40, 25)]),
            new SchoolRows("3727001", SchoolPhase.Special, [All(100, 0, 5, 3)]),
            new SchoolRows("3721100", SchoolPhase.AlternativeProvision, [All(40, 1, 20, 10)]),
        ]);

        var total = Assert.Single(rows, r => r.Breakdown == "All").Values;
        Assert.Equal((1400, 2, 48, 30), (total.Headcount!.Value, total.PermExcl, total.Susp, total.OnePlusSusp));
        Assert.Equal(100.0 * 48 / 1400, total.SuspRate);
        var ap = Assert.Single(rows, r => r.Breakdown == "Phase-AlternativeProvision").Values;
        Assert.Equal((40, 20), (ap.Headcount!.Value, ap.Susp));
    }

    [Fact]
    public void LeavesOutASchoolTheRegisterDoesNotListYet()
    {
        var rows = LaRollUp.Sum([new SchoolRows("3722001", SchoolPhase.Primary, [All(300, 0, 3, 2)]), new SchoolRows("3722009", null, [All(0, 5, 5, 5)])]);

        Assert.Equal(3, Assert.Single(rows, r => r.Breakdown == "All").Values.Susp);
    }

    [Fact]
    public void SumsCohortRowsFromEverySchoolIncludingAlternativeProvision()
    {
        var cohort = new MetricRow("YEAR", "Cohort-back-on-track", new MetricValues { Susp = 2 });
        var rows = LaRollUp.Sum(
        [
            new SchoolRows("3724001", SchoolPhase.Secondary, [All(1000, 0, 2, 1), cohort]),
            new SchoolRows("3721100", SchoolPhase.AlternativeProvision, [All(40, 0, 2, 1), cohort]),
        ]);

        Assert.Equal(4, Assert.Single(rows, r => r.Breakdown == "Cohort-back-on-track").Values.Susp);
    }
}
