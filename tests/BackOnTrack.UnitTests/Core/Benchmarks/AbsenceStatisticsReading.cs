using BackOnTrack.Core.Benchmarks;

namespace BackOnTrack.UnitTests.Core.Benchmarks;

public class AbsenceStatisticsReading
{
    [Fact]
    public void ReadsCensusAbsenceWithTwoTermAndFullYearFigures()
    {
        var file = BenchmarkFiles.Fixture("absence-2022-23.csv");

        Assert.Equal(BenchmarkScheme.Absence, file.Scheme);
        Assert.Equal((4, 4, 0), (file.RowsRead, file.Rows.Count, file.RowsRejected));
        var year = file.Row("2022-23_YEAR", "LA_Rotherham_All");
        Assert.Equal(
            [38000m, 12100000m, 920000m, 620000m, 300000m, 8300m, 900m],
            new[]
            {
                BenchmarkCount.Enrolments, BenchmarkCount.PossibleSessions, BenchmarkCount.AbsenceSessions, BenchmarkCount.AuthorisedSessions,
                BenchmarkCount.UnauthorisedSessions, BenchmarkCount.PersistentAbsentees, BenchmarkCount.SevereAbsentees,
            }.Select(year.Count));
        Assert.Equal(7.60331m, year.Published(BenchmarkRate.OverallAbsenceRate));
        Assert.Equal(920000.0 * 100 / 12100000, year.Rate(BenchmarkRate.OverallAbsenceRate)!.Value, 12);
        var twoTerms = file.Row("2022-23_AUTSPR", "LA_Rotherham_All");
        Assert.Null(twoTerms.Count(BenchmarkCount.SevereAbsentees));
        Assert.True(twoTerms.HasSuppressedValues);
        Assert.False(twoTerms.Publishes(BenchmarkCount.Headcount));
        Assert.False(twoTerms.Publishes(BenchmarkRate.PermExclRate));
    }

    [Fact]
    public void ReadsPupilReferralUnitRowsAsAlternativeProvision()
    {
        var file = BenchmarkFiles.Fixture("absence-2022-23.csv");

        var pru = file.Row("2022-23_YEAR", "LA_Rotherham_AlternativeProvision");
        Assert.Equal(81.25, pru.Rate(BenchmarkRate.PersistentAbsenceRate));
        Assert.Null(pru.Rate(BenchmarkRate.SevereAbsenceRate));
    }

    [Fact]
    public void ReadsOlderAbsenceFilesWithTermYearLevelAndMixedCaseHeadings()
    {
        var file = BenchmarkFiles.Fixture("absence-older-2016-17.csv");

        Assert.Equal(BenchmarkScheme.Absence, file.Scheme);
        Assert.Equal(
            ["2016-17_AUT|LA_Rotherham_Primary", "2016-17_AUT|LA_Rotherham_Special", "2016-17_AUT|National_England_Primary", "2016-17_SPR|LA_Rotherham_Primary"],
            file.Rows.Select(r => $"{r.PartitionKey}|{r.RowKey}").Order(StringComparer.Ordinal));
        Assert.Equal(2100m, file.Row("2016-17_AUT", "LA_Rotherham_Primary").Count(BenchmarkCount.PersistentAbsentees));
    }

    [Fact]
    public void ReadsDailyAttendanceAsYearToDateFromPublishedRatesWhereNoCountIsGiven()
    {
        var file = BenchmarkFiles.Fixture("attendance-daily-ytd-2025-26.csv");

        Assert.Equal(BenchmarkScheme.DailyAttendance, file.Scheme);
        var region = file.Row("2025-26_YTD", "Region_Yorkshire and The Humber_Secondary");
        Assert.Equal(9.17, region.Rate(BenchmarkRate.OverallAbsenceRate)!.Value, 12);
        Assert.Equal(24.1234567890123, region.Rate(BenchmarkRate.PersistentAbsenceRate));
        Assert.False(region.Publishes(BenchmarkCount.PersistentAbsentees));
        Assert.Equal(300000.5m, region.Count(BenchmarkCount.Enrolments));
        Assert.Empty(file.Findings);
    }

    [Fact]
    public void TakesDailyAttendanceLabelledAcademicYearAsYearToDate()
    {
        var file = BenchmarkFiles.Csv("""
            time_period,geographic_level,country_name,education_phase,enrolments,overall_absence,possible_sessions,overall_absence_perc,pa_perc,time_identifier
            202526,National,England,Total,7000000.25,31000000,450000000,6.88888888888889,18.78,Academic year
            """);

        Assert.Equal("2025-26_YTD", Assert.Single(file.Rows).PartitionKey);
    }

    [Fact]
    public void TakesThePhaseOfAFileWithoutAPhaseColumnFromItsName()
    {
        const string csv = """
            time_period,time_identifier,geographic_level,country_name,region_name,la_name,enrolments,sess_possible,sess_overall,sess_overall_percent
            202223,Autumn and spring term,Local authority,England,North West,Wirral,80,15986,5620,35.15576
            """;

        Assert.Equal("LA_Wirral_AlternativeProvision", Assert.Single(BenchmarkFiles.Csv(csv, "4_absence_2term_pru.csv").Rows).RowKey);
        Assert.Equal("LA_Wirral_All", Assert.Single(BenchmarkFiles.Csv(csv, "absence_2term.csv").Rows).RowKey);
    }

    [Fact]
    public void ReadsRatesWrittenInExponentForm()
    {
        var file = BenchmarkFiles.Csv("""
            time_period,geographic_level,country_name,education_phase,possible_sessions,authorised_absence,authorised_absence_perc
            202526,National,England,Total,6420254,1,1.55757077523724e-05
            """);

        var row = Assert.Single(file.Rows);
        Assert.Equal(0.0000155757077523724m, row.Published(BenchmarkRate.AuthorisedAbsenceRate));
        Assert.Empty(file.Findings);
    }
}
