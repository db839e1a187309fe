using BackOnTrack.Core.Benchmarks;

namespace BackOnTrack.UnitTests.Core.Benchmarks;

public class BenchmarkConformanceChecks
{
    [Fact]
    public void ReportsARegionalRateThatDoesNotFollowFromItsRoundedCounts()
    {
        var file = BenchmarkFiles.Fixture("exclusions-old-2006-07-to-2016-17.csv");

        var mismatch = Assert.Single(file.Findings, f => f.Problem == ConformanceProblem.RateDoesNotFollow);
        Assert.Equal((4, "2016-17_YEAR", "Region_North East_Primary", "SuspRate"), (mismatch.RowNumber, mismatch.PartitionKey, mismatch.RowKey, mismatch.Measure));
        Assert.Equal("published 0.86; 1910 × 100 ÷ 223500 = 0.85459", mismatch.Detail);
    }

    [Fact]
    public void ReportsANonIntegerCountWithoutChangingIt()
    {
        var file = BenchmarkFiles.Fixture("exclusions-old-2006-07-to-2016-17.csv");

        var fractional = Assert.Single(file.Findings, f => f.Problem == ConformanceProblem.FractionalCount);
        Assert.Equal((14, "2009-10_YEAR", "LA_Brent_All", "PermExcl"), (fractional.RowNumber, fractional.PartitionKey, fractional.RowKey, fractional.Measure));
        Assert.Equal(45.9412m, file.Row("2009-10_YEAR", "LA_Brent_All").Count(BenchmarkCount.PermExcl));
        var summary = file.Summary();
        Assert.Equal((3, 1, 1, 2), (summary.RowsWithSuppressedValues, summary.RowsNotConforming, summary.RowsWithFractionalCounts, summary.Findings.Count));
    }

    [Fact]
    public void ReportsAnAbsenceRateOffInItsLastDecimal()
    {
        var file = BenchmarkFiles.Fixture("absence-older-2016-17.csv");

        var finding = Assert.Single(file.Findings);
        Assert.Equal(("2016-17_SPR", "PersistentAbsenceRate"), (finding.PartitionKey, finding.Measure));
        Assert.Equal("published 10.4071; 2300 × 100 ÷ 22100 = 10.4072398", finding.Detail);
    }

    [Fact]
    public void ReportsARatePublishedOverAZeroDenominatorAndStoresNoRate()
    {
        var file = BenchmarkFiles.CurrentExclusions("201617,Academic year,Local authority,England,East of England,Bedford,Total,0,29,0.5,787,.,478,.");

        var row = Assert.Single(file.Rows);
        Assert.Equal(ConformanceProblem.RateOverZero, Assert.Single(file.Findings).Problem);
        Assert.Null(row.Rate(BenchmarkRate.PermExclRate));
        Assert.Null(row.Rate(BenchmarkRate.SuspRate));
    }

    [Fact]
    public void AcceptsTheFixturesThatDfERoundedConsistently()
    {
        Assert.Empty(BenchmarkFiles.Fixture("exclusions-current-2022-23.csv").Findings);
        Assert.Empty(BenchmarkFiles.Fixture("absence-2022-23.csv").Findings);
    }

    [Theory]
    [InlineData("0.0962", "0.1", true)]
    [InlineData("0.0962", "0.10", true)]
    [InlineData("0.125", "0.13", true)]
    [InlineData("0.125", "0.12", true)]
    [InlineData("0.1251", "0.12", false)]
    [InlineData("0.85459", "0.86", false)]
    [InlineData("24.2063492", "24.2064", false)]
    [InlineData("94.07663622031146", "94.0766362203115", true)]
    public void JudgesAPublishedRateByItsOwnNumberOfDecimals(string exact, string published, bool follows) =>
        Assert.Equal(follows, BenchmarkConformance.Follows(Parse(exact), Parse(published)));

    [Fact]
    public void DoesNotFlagTheAveragedEnrolmentsOfDailyAttendance()
    {
        var file = BenchmarkFiles.Fixture("attendance-daily-ytd-2025-26.csv");

        Assert.All(file.Rows, r => Assert.NotEqual(decimal.Truncate(r.Count(BenchmarkCount.Enrolments)!.Value), r.Count(BenchmarkCount.Enrolments)));
        Assert.Empty(file.Findings);
    }

    private static decimal Parse(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
