using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Metrics;
using BackOnTrack.TestSamples;

namespace BackOnTrack.UnitTests.Core.BoardPack;

/// <summary>Counts of 1 or 2, and figures built on them, are shown as x wherever a school or sub-group appears.</summary>
public class SmallNumbersAreSuppressed
{
    private static readonly BoardPackModel Pack = BoardPackBuilder.Build(SampleBoardPack.Input());

    [Fact]
    public void NoShownCountOfPupilsOrEventsIsOneOrTwoAnywhereInThePack()
    {
        // Tallies of actions and schools are not about pupils; every other count is.
        var pupilCounts = PackFigures.All(Pack)
            .Where(f => f.Figure.Kind == FigureKind.Count && f.Figure.Source?.Table is not ("Actions" or "DataDrops" or "Schools"))
            .ToList();

        Assert.Contains(pupilCounts, f => f.Figure.State == FigureState.Suppressed);
        Assert.All(pupilCounts.Where(f => f.Figure.IsShown), f => Assert.False(f.Figure.Value is 1 or 2, $"{f.Path} shows {f.Figure.Value}"));
    }

    [Fact]
    public void ASuppressedFigureCarriesNoValueAndPrintsAsX()
    {
        var primary = Pack.Trend.Rows[^1].Permanent[PackPhase.Primary];

        Assert.Equal(FigureState.Suppressed, primary.State);
        Assert.Null(primary.Value);
        Assert.Equal("x", primary.Text);
        Assert.Equal(new RowRef("Metrics", "LA", "2026-27_YEAR_Phase-Primary", "PermExcl"), primary.Source);
    }

    [Fact]
    public void SpecialSchoolsAndNcYearsWithOneOrTwoExclusionsShowX()
    {
        Assert.Equal("x", Assert.Single(Pack.Trend.Rows, r => r.Year == SampleBoardPack.Year(2023)).Permanent[PackPhase.Special].Text);
        Assert.Equal("x", Assert.Single(Pack.ThisYearByNcYear.Rows, r => r.Label == "Y4").Permanent.Text);
        Assert.Equal("x", Assert.Single(Pack.ThisYearByNcYear.Rows, r => r.Label == "Y8").Permanent.Text);
        Assert.Equal("x", Assert.Single(Pack.ThisYearByNcYear.Rows, r => r.Label == "Y2").WithdrawnPermanent.Text);
        Assert.Equal("0", Assert.Single(Pack.ThisYearByNcYear.Rows, r => r.Label == "Y5").Permanent.Text);
        Assert.Equal("3", Assert.Single(Pack.ThisYearByNcYear.Rows, r => r.Label == "Y9").Permanent.Text);
    }

    [Fact]
    public void ARateBuiltOnOneOrTwoIsSuppressedAsTheFiguresListDoes()
    {
        var input = SampleBoardPack.Input() with
        {
            Metrics =
            [
                new MetricRecord("LA", SampleBoardPack.Year(2026), "YEAR", "All", new MetricValues { Headcount = 44_000, PermExcl = 2, Susp = 1_900, Enrolments = 2, PossibleSessions = 280, AuthorisedSessions = 30 }, SampleBoardPack.DataAsOf),
            ],
        };

        var headline = BoardPackBuilder.Build(input).Headlines.Rows;

        Assert.Equal("x", headline.Single(r => r.Measure == "Permanent exclusion rate").YearToDate.Text);
        Assert.Equal("4.32%", headline.Single(r => r.Measure == "Suspension rate").YearToDate.Text);
        Assert.Equal("x", headline.Single(r => r.Measure == "Persistent absence rate").YearToDate.Text);
        Assert.Equal("10.71%", headline.Single(r => r.Measure == "Overall absence rate").YearToDate.Text);
    }

    [Fact]
    public void AChangeOnASuppressedRateIsSuppressedToo()
    {
        var earlier = PackFigure.Rate(0.01, 2, 20_000, new RowRef("Metrics", "LA", "2025-26_AUT_All", "PermExclRate"));
        var later = PackFigure.Rate(0.05, 10, 20_000, new RowRef("Metrics", "LA", "2026-27_AUT_All", "PermExclRate"));

        Assert.Equal("x", PackFigure.Change(later, earlier).Text);
        Assert.Equal(2, PackFigure.Change(later, earlier).Sources.Count);
    }

    [Fact]
    public void ACohortAtASchoolWithOneOrTwoPupilsShowsNoFigureAtAll()
    {
        var row = Assert.Single(Pack.Cohorts.Rows, r => r.Scope == "3722010");
        var figures = PackFigures.All(row);

        Assert.Equal(11, figures.Count);
        Assert.All(figures, f => Assert.Equal(FigureState.Suppressed, f.Figure.State));
        Assert.Equal("Thrybergh Fullerton C of E Primary", row.Name);
    }

    [Fact]
    public void ACohortRowsRatesAreSuppressedWhenTheirCountsAreSmall()
    {
        var input = SampleBoardPack.Input() with { Cohorts = [new CohortOutcomeRecord("Pilot", new CohortOutcome("LA", 12, 2, 5, 6, 14, 81.0, 84.0, 11, 2))] };

        var row = Assert.Single(BoardPackBuilder.Build(input).Cohorts.Rows);

        Assert.Equal(("12", "x", "5"), (row.Pupils.Text, row.SuspensionsBefore.Text, row.SuspensionsAfter.Text));
        Assert.Equal(("x", "x", "0.4"), (row.SuspensionsChange.Text, row.SuspensionsPerPupilBefore.Text, row.SuspensionsPerPupilAfter.Text));
        Assert.Equal(("81.00%", "x"), (row.AttendanceBefore.Text, row.AttendanceImprovedShare.Text));
    }

    [Fact]
    public void EarlyWarningCountsOfOneOrTwoPupilsAtASchoolShowX()
    {
        var warnings = Pack.EarlyWarnings!;
        var badsley = Assert.Single(warnings.Schools, s => s.Laestab == "3722011");
        var wingfield = Assert.Single(warnings.Schools, s => s.Laestab == "3724001");

        Assert.Equal("x", badsley.Flagged.Text);
        Assert.Equal("x", badsley.ByReason["RepeatSuspensions"].Text);
        Assert.Equal(("13", "9", "3"), (wingfield.Flagged.Text, wingfield.ByReason["RepeatSuspensions"].Text, wingfield.ByReason["SevereAbsence"].Text));
        Assert.Equal("31", warnings.FlaggedTotal.Text);
        Assert.DoesNotContain(warnings.Schools, s => s.Laestab == "3722012");
    }
}
