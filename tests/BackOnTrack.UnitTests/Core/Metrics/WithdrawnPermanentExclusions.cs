using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.UnitTests.Core.Metrics;

/// <summary>Withdrawn permanent exclusions are counted apart (the board follows them), never as exclusions.</summary>
public class WithdrawnPermanentExclusions
{
    private static readonly AcademicYear Year = AcademicYear.Parse("2026-27");

    private static IReadOnlyList<MetricRow> Compute(params ExclusionFact[] exclusions) =>
        SchoolMetrics.Compute(new SchoolYearFacts(Laestab.Parse("3724001"), Year, SchoolPhase.Secondary, 900, exclusions, [], new Dictionary<string, IReadOnlyList<string>>()));

    [Fact]
    public void AWithdrawnPermanentExclusionIsCountedInItsTermItsYearAndItsNcYearButNotAsAnExclusion()
    {
        var rows = Compute(
            new ExclusionFact("p1", "PERM", new DateOnly(2026, 10, 5), null, "11", Withdrawn: true),
            new ExclusionFact("p2", "PERM", new DateOnly(2026, 11, 9), null, "11", Withdrawn: false),
            new ExclusionFact("p3", "PERM", new DateOnly(2027, 1, 12), null, "10", Withdrawn: true));

        var year = Assert.Single(rows, r => r.Period == "YEAR" && r.Breakdown == "All").Values;
        Assert.Equal((1, 2), (year.PermExcl, year.WithdrawnPermExcl));
        Assert.Equal(1, Assert.Single(rows, r => r.Period == "AUT" && r.Breakdown == "All").Values.WithdrawnPermExcl);
        Assert.Equal(1, Assert.Single(rows, r => r.Period == "SPR" && r.Breakdown == "All").Values.WithdrawnPermExcl);
        var y10 = Assert.Single(rows, r => r.Period == "YEAR" && r.Breakdown == "NcYear-10").Values;
        Assert.Equal((0, 1), (y10.PermExcl, y10.WithdrawnPermExcl));
    }

    [Fact]
    public void AWithdrawnSuspensionCountsNowhere()
    {
        var year = Assert.Single(Compute(new ExclusionFact("p1", "FIXD", new DateOnly(2026, 10, 5), 4, "9", Withdrawn: true)), r => r.Period == "YEAR" && r.Breakdown == "All").Values;

        Assert.Equal((0, 0, 0, 0), (year.Susp, year.SuspSessions, year.PermExcl, year.WithdrawnPermExcl));
    }

    [Fact]
    public void TheLaSumsItsSchoolsWithdrawnExclusions()
    {
        var a = new MetricValues { PermExcl = 3, WithdrawnPermExcl = 2 };
        var b = new MetricValues { PermExcl = 1, WithdrawnPermExcl = 5 };

        Assert.Equal(7, a.Plus(b).WithdrawnPermExcl);
    }
}
