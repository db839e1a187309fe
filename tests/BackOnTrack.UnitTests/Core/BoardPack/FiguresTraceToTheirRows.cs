using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Calendar;
using BackOnTrack.TestSamples;

namespace BackOnTrack.UnitTests.Core.BoardPack;

/// <summary>Every figure in the pack equals the table row it names as its source.</summary>
public class FiguresTraceToTheirRows
{
    private static readonly BoardPackInput Input = SampleBoardPack.Input();
    private static readonly BoardPackModel Pack = BoardPackBuilder.Build(Input);

    private static MetricRecord Metric(string rowKey) => Assert.Single(Input.Metrics, m => m.Scope == "LA" && m.RowKey == rowKey);

    [Fact]
    public void EveryShownFigureNamesTheRowsItCameFrom()
    {
        var figures = PackFigures.All(Pack);

        Assert.True(figures.Count > 300, $"only {figures.Count} figures found");

        // A tally of no actions counts no rows, so it has none to name.
        Assert.All(figures.Where(f => f.Figure.IsShown && f.Figure.Value != 0), f => Assert.True(f.Figure.Sources.Count > 0, $"{f.Path} names no row"));
    }

    [Fact]
    public void EveryMetricsSourceIsARowOfTheInputAndEveryShownCountEqualsIt()
    {
        var rows = Input.Metrics.ToDictionary(m => (m.Scope, m.RowKey));
        var counts = 0;
        foreach (var (path, figure) in PackFigures.All(Pack).Where(f => f.Figure.Source?.Table == "Metrics"))
        {
            foreach (var source in figure.Sources)
            {
                Assert.True(rows.ContainsKey((source.PartitionKey, source.RowKey)) || figure.State == FigureState.NotAvailable, $"{path} names {source}, which is not a Metrics row");
            }

            if (figure is { IsShown: true, Kind: FigureKind.Count })
            {
                var row = rows[(figure.Source!.PartitionKey, figure.Source.RowKey)];
                var property = typeof(BackOnTrack.Core.Metrics.MetricValues).GetProperty(figure.Source.Property)!;
                Assert.Equal(Convert.ToDouble(property.GetValue(row.Values), System.Globalization.CultureInfo.InvariantCulture), figure.Value);
                counts++;
            }
        }

        Assert.True(counts > 80, $"only {counts} counts checked");
    }

    [Fact]
    public void TheTrendTableIsTheLasMetricsRowsForEachYearAndPhase()
    {
        var row = Assert.Single(Pack.Trend.Rows, r => r.Year == SampleBoardPack.Year(2024));
        var total = Metric("2024-25_YEAR_All");
        var secondary = Metric("2024-25_YEAR_Phase-Secondary");

        Assert.Equal(TrendSource.Hub, row.Source);
        Assert.Equal(total.Values.PermExcl, row.Permanent[PackPhase.Total].Value);
        Assert.Equal(new RowRef("Metrics", "LA", "2024-25_YEAR_All", "PermExcl"), row.Permanent[PackPhase.Total].Source);
        Assert.Equal(secondary.Values.Susp, row.Suspensions[PackPhase.Secondary].Value);
        Assert.Equal("4,720", row.Suspensions[PackPhase.Secondary].Text);
        Assert.Equal(total.Values.SuspRate, row.SuspRate.Value);
    }

    [Fact]
    public void YearsBeforeTheHubsDataComeFromDfesFiguresForTheLa()
    {
        var row = Assert.Single(Pack.Trend.Rows, r => r.Year == SampleBoardPack.Year(2014));
        var published = Assert.Single(Input.Benchmarks, b => b.Year == SampleBoardPack.Year(2014) && b.Level == BenchmarkLevel.LA && b.Phase == BenchmarkPhase.Secondary);

        Assert.Equal(TrendSource.Dfe, row.Source);
        Assert.Equal(55, row.Permanent[PackPhase.Total].Value);
        Assert.Equal(published.PermExcl, row.Permanent[PackPhase.Secondary].Value);
        Assert.Equal(new RowRef("Benchmarks", "2014-15_YEAR", "LA_Rotherham_Secondary", "PermExcl"), row.Permanent[PackPhase.Secondary].Source);
        Assert.Equal(3.88, row.EnglandSuspRate.Value);
        Assert.Equal("Benchmarks[2014-15_YEAR|National_England_All].SuspRate", row.EnglandSuspRate.Source!.ToString());
        Assert.Equal(5.28, row.RegionSuspRate.Value);
    }

    [Fact]
    public void TheTrendRunsOverEveryYearHeldOldestFirstWithSpecialAndApWherePresent()
    {
        Assert.Equal(
            ["2012-13", "2013-14", "2014-15", "2015-16", "2016-17", "2023-24", "2024-25", "2025-26", "2026-27"],
            Pack.Trend.Rows.Select(r => r.Year.ToString()));
        Assert.Equal([PackPhase.Total, PackPhase.Primary, PackPhase.Secondary, PackPhase.Special, PackPhase.AlternativeProvision], Pack.Trend.Phases);
        Assert.True(Pack.Trend.Rows[^1].YearToDate);
    }

    [Fact]
    public void HeadlineRatesAreThisYearsAndLastYearsLaRowsWithTheChangeBetweenTheSameTerms()
    {
        var suspension = Assert.Single(Pack.Headlines.Rows, r => r.Measure == "Suspension rate");
        var autumnNow = Metric("2026-27_AUT_All").Values.SuspRate!.Value;
        var autumnLast = Metric("2025-26_AUT_All").Values.SuspRate!.Value;

        Assert.Equal(Period.Autumn, Pack.Headlines.ComparedTerm);
        Assert.Equal(Metric("2026-27_YEAR_All").Values.SuspRate, suspension.YearToDate.Value);
        Assert.Equal(Metric("2025-26_YEAR_All").Values.SuspRate, suspension.LastFullYear.Value);
        Assert.Equal(autumnNow - autumnLast, suspension.Change.Value!.Value, 10);
        Assert.Equal(
            [new RowRef("Metrics", "LA", "2026-27_AUT_All", "SuspRate"), new RowRef("Metrics", "LA", "2025-26_AUT_All", "SuspRate")],
            suspension.Change.Sources);
    }

    [Fact]
    public void TheLatestDfeComparisonIsTheLasPublishedRateBesideEnglandAndTheRegionWithItsRank()
    {
        var comparison = Pack.Headlines.LatestComparison!;
        var permanent = Assert.Single(comparison.Rows, r => r.Measure == "Permanent exclusion rate");
        var persistent = Assert.Single(comparison.Rows, r => r.Measure == "Persistent absence rate");

        Assert.Equal(SampleBoardPack.Year(2016), permanent.Year);
        Assert.Equal(100.0 * 38 / 43_780, permanent.LocalAuthority.Value);
        Assert.Equal(0.10, permanent.England.Value);
        Assert.Equal(0.07, permanent.Region.Value);
        Assert.Equal("97 of 152", permanent.Rank.Text);
        Assert.Equal("Benchmarks[2016-17_YEAR|LA_Rotherham_All].PermExclRank", permanent.Rank.Source!.ToString());
        Assert.Equal(SampleBoardPack.Year(2023), persistent.Year);
        Assert.Equal("20.00%", persistent.England.Text);
    }

    [Fact]
    public void ThisYearByNcYearIsTheNcYearRowsInYearOrderWithTheWithdrawnExclusions()
    {
        var section = Pack.ThisYearByNcYear;

        Assert.Equal(["R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"], section.Rows.Select(r => r.NcYear));
        var y11 = Assert.Single(section.Rows, r => r.Label == "Y11");
        Assert.Equal((9.0, 367.0), (y11.Permanent.Value!.Value, y11.Suspensions.Value!.Value));
        Assert.Equal(new RowRef("Metrics", "LA", "2026-27_YEAR_NcYear-11", "PermExcl"), y11.Permanent.Source);
        Assert.Equal((21.0, 13.0, 3.0, 10.0), (section.PermanentTotal.Value!.Value, section.WithdrawnPermanentTotal.Value!.Value, section.WithdrawnPermanentPrimary.Value!.Value, section.WithdrawnPermanentSecondary.Value!.Value));
    }

    [Fact]
    public void AttendanceRowsAreThePhaseAndTermRowsOfThisYearAndLast()
    {
        var row = Assert.Single(Pack.Attendance.Rows, r => r.Year == SampleBoardPack.Year(2025) && r.Period == Period.Spring && r.Phase == PackPhase.Secondary);
        var metric = Metric("2025-26_SPR_Phase-Secondary").Values;

        Assert.Equal(metric.OverallAbsenceRate, row.OverallAbsence.Value);
        Assert.Equal(metric.PersistentAbsenceRate, row.PersistentAbsence.Value);
        Assert.Equal(metric.SevereAbsenceRate, row.SevereAbsence.Value);
        Assert.Equal(metric.Enrolments, row.Enrolments.Value);
        Assert.DoesNotContain(Pack.Attendance.Rows, r => r.Year == SampleBoardPack.Year(2024));
        Assert.DoesNotContain(Pack.Attendance.Rows, r => r.Year == SampleBoardPack.Year(2026) && r.Period == Period.Spring);
    }

    [Fact]
    public void CohortRowsAreTheCohortOutcomesRowsInTheFormBackOnTrackReportedThem()
    {
        var la = Assert.Single(Pack.Cohorts.Rows, r => r.Cohort == "Back-on-Track-2025" && r.Scope == "LA");

        Assert.Equal("Rotherham", la.Name);
        Assert.Equal((64.0, 627.0, 376.0), (la.Pupils.Value!.Value, la.SuspensionsBefore.Value!.Value, la.SuspensionsAfter.Value!.Value));
        Assert.Equal("-40.03%", la.SuspensionsChange.Text);
        Assert.Equal("9.8", la.SuspensionsPerPupilBefore.Text);
        Assert.Equal("5.9", la.SuspensionsPerPupilAfter.Text);
        Assert.Equal("37.29%", la.AttendanceImprovedShare.Text);
        Assert.Equal(new RowRef("CohortOutcomes", "Back-on-Track-2025", "LA", "AttendanceImprovedShare"), la.AttendanceImprovedShare.Source);
        var school = Assert.Single(Pack.Cohorts.Rows, r => r.Cohort == "Back-on-Track-2025" && r.Scope == "3724002");
        Assert.Equal("Oakwood High School", school.Name);
        Assert.Equal(["Back-on-Track-2025", "Back-on-Track-2025", "Back-on-Track-2025", "Back-on-Track-2025", "Back-on-Track-2025", "SEMH-Hub-Pilot", "SEMH-Hub-Pilot", "SEMH-Hub-Pilot"], Pack.Cohorts.Rows.Select(r => r.Cohort));
        Assert.Equal("LA", Pack.Cohorts.Rows[0].Scope);
    }

    [Fact]
    public void TheSourceLineNamesTheLatestDataDropAndTheDfeReleasesUsed()
    {
        Assert.Equal(new DateOnly(2026, 12, 13), Pack.Sources.DataTo);
        Assert.Equal("Source: school data drops to 13 Dec 2026; DfE exclusions statistics 2016/17; DfE absence statistics 2023/24", Pack.Sources.Line);
        Assert.Equal("2026-12", Pack.Month);
    }
}
