using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Cli.LocalRun;

namespace BackOnTrack.UnitTests.LocalHost;

public class LaExclusionsTableFormatting
{
    private static MetricRow Year(string breakdown, int headcount, int perm, int susp, int onePlus) =>
        new("YEAR", breakdown, new MetricValues { Headcount = headcount, PermExcl = perm, Susp = susp, OnePlusSusp = onePlus });

    private static readonly MetricRow[] Rows =
    [
        Year("All", 2000, 2, 50, 30),
        Year("Phase-Secondary", 800, 2, 40, 22),
        Year("Phase-Primary", 1200, 0, 10, 8),
    ];

    [Fact]
    public void ShowsTotalSecondaryAndPrimaryCountsWithTheirRates()
    {
        var text = LaExclusionsTable.Format([new LaExclusionsTable.Year("2024-25", Rows, [])]);

        Assert.Contains("2024-25   permanent exclusions              2 (0.100)        2 (0.250)        0 (0.000)", text, StringComparison.Ordinal);
        Assert.Contains("suspensions                      50 (2.500)       40 (5.000)       10 (0.833)", text, StringComparison.Ordinal);
        Assert.Contains("DfE benchmarks: none loaded for 2024-25", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SetsEnglandsAndTheRegionsRatesAndTheLasRankBesideTheFigures()
    {
        BenchmarkFigure[] benchmarks =
        [
            new("YEAR", "National", "England", "All", new Dictionary<string, double> { ["PermExclRate"] = 0.13, ["SuspRate"] = 11.65 }),
            new("YEAR", "Region", "Yorkshire and The Humber", "All", new Dictionary<string, double> { ["PermExclRate"] = 0.14, ["SuspRate"] = 11.63 }),
            new("YEAR", "LA", "Rotherham", "All", new Dictionary<string, double> { ["PermExclRate"] = 0.1463, ["SuspRate"] = 10.49, ["PermExclRank"] = 108, ["PermExclRankOf"] = 152, ["SuspRank"] = 3, ["SuspRankOf"] = 152 }),
        ];

        var text = LaExclusionsTable.Format([new LaExclusionsTable.Year("2024-25", Rows, benchmarks)]);

        Assert.Contains("permanent exclusion rate England 0.130, Yorkshire and The Humber 0.140, Rotherham in DfE's figures 0.146, rank 108 of 152", text, StringComparison.Ordinal);
        Assert.Contains("suspension rate England 11.650, region 11.630, LA 10.490, rank 3 of 152", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SaysSoWhenThereAreNoLaFiguresYet()
    {
        Assert.StartsWith("No LA figures yet", LaExclusionsTable.Format([]), StringComparison.Ordinal);
    }
}
