using BackOnTrack.Core.Benchmarks;

namespace BackOnTrack.UnitTests.Core.Benchmarks;

public class BenchmarkRanking
{
    [Fact]
    public void RanksTheHomeLaByUnroundedRateWithTiesSharingTheBestRankAndSuppressedLasLeftOut()
    {
        var file = BenchmarkFiles.Fixture("exclusions-old-2006-07-to-2016-17.csv");
        var authorities = file.Rows
            .Where(r => r.PartitionKey == "2016-17_YEAR" && r.Level == BenchmarkLevel.LA && r.Phase == BenchmarkPhase.All)
            .Select(r => new AuthorityRates(r.Name, r.Rate(BenchmarkRate.PermExclRate), r.Rate(BenchmarkRate.SuspRate)));

        var ranks = BenchmarkRanks.ForHome(authorities, "ROTHERHAM");

        // Permanent: Barnsley 0.05, Rotherham 0.1 = Doncaster 0.1, Wakefield 0.2; Sheffield suppressed.
        Assert.Equal(new BenchmarkRank(2, 4), ranks.PermExcl);
        // Suspensions: Wakefield 2, Barnsley 5, Rotherham 6, Sheffield 7.5, Doncaster 15.
        Assert.Equal(new BenchmarkRank(3, 5), ranks.Susp);
    }

    [Fact]
    public void RanksByTheUnroundedRateNotThePublishedOne()
    {
        var ranks = BenchmarkRanks.ForHome(
            [new AuthorityRates("Rotherham", 0.104, 5), new AuthorityRates("Barnsley", 0.096, 5)],
            "Rotherham");

        Assert.Equal(new BenchmarkRank(2, 2), ranks.PermExcl);
        Assert.Equal(new BenchmarkRank(1, 2), ranks.Susp);
    }

    [Fact]
    public void GivesNoRankWhereTheHomeLaHasNoPublishedFigureOrIsAbsent()
    {
        AuthorityRates[] authorities = [new("Rotherham", null, 6), new("Barnsley", 0.05, 5)];

        Assert.Equal(new HomeRanks(null, new BenchmarkRank(2, 2)), BenchmarkRanks.ForHome(authorities, "Rotherham"));
        Assert.Equal(new HomeRanks(null, null), BenchmarkRanks.ForHome(authorities, "Doncaster"));
    }

    [Fact]
    public void CountsAnLaSpeltTwoWaysOnceByItsFirstRow()
    {
        var ranks = BenchmarkRanks.ForHome(
            [new AuthorityRates("Bristol, City of", 0.2, 9), new AuthorityRates("Bristol City of", 0.1, 1), new AuthorityRates("Rotherham", 0.15, 5)],
            "Rotherham");

        Assert.Equal(new BenchmarkRank(1, 2), ranks.PermExcl);
        Assert.Equal(new BenchmarkRank(1, 2), ranks.Susp);
    }

    [Theory]
    [InlineData("Yorkshire and the Humber", "Yorkshire and The Humber", true)]
    [InlineData("Bristol, City of", "bristol city of", true)]
    [InlineData("Kingston upon Hull, City of", "Kingston-upon-Hull City of", true)]
    [InlineData("Rotherham", "Rotherham ", true)]
    [InlineData("Rotherham", "Barnsley", false)]
    [InlineData("", "", false)]
    public void MatchesAreaNamesIgnoringCaseAndPunctuation(string first, string second, bool same) =>
        Assert.Equal(same, BenchmarkNames.Same(first, second));
}
