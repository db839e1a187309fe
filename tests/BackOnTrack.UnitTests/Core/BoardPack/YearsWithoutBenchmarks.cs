using BackOnTrack.Core.BoardPack;
using BackOnTrack.TestSamples;

namespace BackOnTrack.UnitTests.Core.BoardPack;

/// <summary>A year DfE has published nothing for says so; it never shows zeros in England's or the region's place.</summary>
public class YearsWithoutBenchmarks
{
    [Fact]
    public void ATrendYearWithoutDfeFiguresIsMarkedAndItsEnglandAndRegionRatesAreNotAvailable()
    {
        var pack = BoardPackBuilder.Build(SampleBoardPack.Input());
        var row = Assert.Single(pack.Trend.Rows, r => r.Year == SampleBoardPack.Year(2025));

        Assert.False(row.HasBenchmarks);
        foreach (var figure in new[] { row.EnglandPermExclRate, row.EnglandSuspRate, row.RegionPermExclRate, row.RegionSuspRate })
        {
            Assert.Equal(FigureState.NotAvailable, figure.State);
            Assert.Null(figure.Value);
            Assert.Equal("–", figure.Text);
        }

        Assert.Equal(new RowRef("Benchmarks", "2025-26_YEAR", "National_England_All", "SuspRate"), row.EnglandSuspRate.Source);
        Assert.True(Assert.Single(pack.Trend.Rows, r => r.Year == SampleBoardPack.Year(2016)).HasBenchmarks);
    }

    [Fact]
    public void TheHeadlinesSayDfeHasPublishedNothingForLastYearYet()
    {
        var pack = BoardPackBuilder.Build(SampleBoardPack.Input());

        Assert.Contains("DfE has published no figures for 2025-26 yet, so England, the region and the rank are shown for the latest year DfE has published, below.", pack.Headlines.Notes);
        Assert.All(pack.Headlines.Rows, r => Assert.Equal(("–", "–", "–"), (r.England.Text, r.Region.Text, r.Rank.Text)));
    }

    [Fact]
    public void WithNoDfeStatisticsAtAllThePackSaysSoAndHasNoComparison()
    {
        var pack = BoardPackBuilder.Build(SampleBoardPack.Input() with { Benchmarks = [] });

        Assert.Null(pack.Headlines.LatestComparison);
        Assert.Contains("The hub holds no DfE statistics yet, so there is no comparison with England or the region.", pack.Headlines.Notes);
        Assert.All(pack.Trend.Rows, r => Assert.False(r.HasBenchmarks));
        Assert.Equal(["2023-24", "2024-25", "2025-26", "2026-27"], pack.Trend.Rows.Select(r => r.Year.ToString()));
        Assert.Equal("Source: school data drops to 13 Dec 2026; no DfE exclusions statistics held", pack.Sources.Line);
    }

    [Fact]
    public void WhenDfeHasPublishedLastYearTheHeadlinesCompareWithIt()
    {
        var input = SampleBoardPack.Input();
        var lastYear = SampleBoardPack.Year(2025);
        input = input with
        {
            Benchmarks =
            [
                .. input.Benchmarks,
                new BenchmarkRecord(lastYear, BackOnTrack.Core.Benchmarks.BenchmarkPeriod.Year, BackOnTrack.Core.Benchmarks.BenchmarkLevel.National, "England", BackOnTrack.Core.Benchmarks.BenchmarkPhase.All) { SuspRate = 11.9, PermExclRate = 0.14 },
                new BenchmarkRecord(lastYear, BackOnTrack.Core.Benchmarks.BenchmarkPeriod.Year, BackOnTrack.Core.Benchmarks.BenchmarkLevel.LA, "Rotherham", BackOnTrack.Core.Benchmarks.BenchmarkPhase.All) { SuspRate = 11.7, SuspRank = new BackOnTrack.Core.Benchmarks.BenchmarkRank(120, 153) },
            ],
        };

        var pack = BoardPackBuilder.Build(input);
        var suspension = Assert.Single(pack.Headlines.Rows, r => r.Measure == "Suspension rate");

        Assert.Equal("11.90%", suspension.England.Text);
        Assert.Equal("120 of 153", suspension.Rank.Text);
        Assert.Equal("–", suspension.Region.Text);
        Assert.DoesNotContain(pack.Headlines.Notes, n => n.StartsWith("DfE has published no figures", StringComparison.Ordinal));
        Assert.True(Assert.Single(pack.Trend.Rows, r => r.Year == lastYear).HasBenchmarks);
    }
}
