using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Application.Prompts;

namespace BackOnTrack.UnitTests.Prompts;

public sealed class DigestHeadlineFigures
{
    private static MetricRow Row(string period, string breakdown, MetricValues values) => new(period, breakdown, values);

    [Fact]
    public void GivesTheLasFullYearRatesBesideEnglandsWhenDfesFiguresAreLoaded()
    {
        var rows = new[]
        {
            Row("YEAR", "All", new MetricValues { Headcount = 2000, PermExcl = 3, Susp = 90, PossibleSessions = 100_000, AuthorisedSessions = 4_000, UnauthorisedSessions = 2_000, Enrolments = 2000, PersistentAbsentees = 300 }),
            Row("YEAR", "Phase-Primary", new MetricValues { Headcount = 1200, PermExcl = 0, Susp = 10 }),
        };
        var england = new BenchmarkFigure("YEAR", "National", "England", "All", new Dictionary<string, double> { ["PermExclRate"] = 0.13, ["SuspRate"] = 9.33 });

        var figures = DigestHeadlines.From("2024-25", rows, [england]);

        Assert.Equal(
            [
                "Permanent exclusion rate 2024-25 = 0.15% (England 0.13%)",
                "Suspension rate 2024-25 = 4.50% (England 9.33%)",
                "Overall absence 2024-25 = 6.00%",
                "Persistent absence 2024-25 = 15.00%",
            ],
            figures.Select(f => $"{f.Label} = {f.Value}"));
    }

    [Fact]
    public void MidYearTakesAbsenceFromTheLatestTermWithAttendanceAndLeavesOutExclusionsWithoutAHeadcount()
    {
        var rows = new[]
        {
            Row("YEAR", "All", new MetricValues { Headcount = null, Susp = 4 }),
            Row("AUT", "All", new MetricValues { PossibleSessions = 1000, UnauthorisedSessions = 50, Enrolments = 10, PersistentAbsentees = 1 }),
            Row("SPR", "All", new MetricValues { PossibleSessions = 0 }),
        };

        var figures = DigestHeadlines.From("2025-26", rows, []);

        Assert.Equal(["Overall absence 2025-26 AUT = 5.00%", "Persistent absence 2025-26 AUT = 10.00%"], figures.Select(f => $"{f.Label} = {f.Value}"));
    }
}
