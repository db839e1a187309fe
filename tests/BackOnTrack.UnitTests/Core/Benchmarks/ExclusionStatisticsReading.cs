using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.UnitTests.Core.Benchmarks;

public class ExclusionStatisticsReading
{
    [Fact]
    public void ReadsThe2017SchemeWithYearLevelAndFixedPeriodColumns()
    {
        var file = BenchmarkFiles.Fixture("exclusions-old-2006-07-to-2016-17.csv");

        Assert.Equal(BenchmarkScheme.ExclusionsOld, file.Scheme);
        Assert.Equal((16, 14, 1, 1), (file.RowsRead, file.Rows.Count, file.RowsSkipped, file.RowsRejected));
        var rotherham = file.Row("2016-17_YEAR", "LA_Rotherham_All");
        Assert.Equal((AcademicYear.StartingIn(2016), BenchmarkPeriod.Year, BenchmarkLevel.LA, "Rotherham", BenchmarkPhase.All),
            (rotherham.AcademicYear, rotherham.Period, rotherham.Level, rotherham.Name, rotherham.Phase));
        Assert.Equal([40000m, 40m, 2400m, 900m], new[] { BenchmarkCount.Headcount, BenchmarkCount.PermExcl, BenchmarkCount.Susp, BenchmarkCount.OnePlusSusp }.Select(rotherham.Count));
        Assert.Equal([0.1m, 6m, 2.25m], new[] { BenchmarkRate.PermExclRate, BenchmarkRate.SuspRate, BenchmarkRate.OnePlusSuspRate }.Select(rotherham.Published));
        Assert.Equal(["num_schools"], file.IgnoredColumns);
    }

    [Fact]
    public void TakesARegionsNameFromLaNameInThe2017SchemeAndEnglandForNationalRows()
    {
        var file = BenchmarkFiles.Fixture("exclusions-old-2006-07-to-2016-17.csv");

        Assert.Equal("Yorkshire and the Humber", file.Row("2016-17_YEAR", "Region_Yorkshire and the Humber_All").Name);
        Assert.Equal(BenchmarkLevel.National, file.Row("2016-17_YEAR", "National_England_All").Level);
    }

    [Fact]
    public void ReadsTheCurrentSchemeWithTermsAndStateFundedPhases()
    {
        var file = BenchmarkFiles.Fixture("exclusions-current-2022-23.csv");

        Assert.Equal(BenchmarkScheme.ExclusionsCurrent, file.Scheme);
        Assert.Equal((13, 12, 1, 0), (file.RowsRead, file.Rows.Count, file.RowsSkipped, file.RowsRejected));
        Assert.Equal(["education_phase: Independent school"], file.SkippedValues);
        Assert.Equal(
            ["2022-23_AUT|LA_Barnsley_All", "2022-23_AUT|LA_Rotherham_All", "2022-23_SPR|LA_Rotherham_All", "2022-23_YEAR|LA_Barnsley_All",
             "2022-23_YEAR|LA_Doncaster_All", "2022-23_YEAR|LA_Rotherham_All", "2022-23_YEAR|LA_Rotherham_AlternativeProvision",
             "2022-23_YEAR|LA_Rotherham_Secondary", "2022-23_YEAR|LA_Sheffield_All", "2022-23_YEAR|National_England_All",
             "2022-23_YEAR|National_England_AlternativeProvision", "2022-23_YEAR|Region_Yorkshire and The Humber_All"],
            file.Rows.Select(r => $"{r.PartitionKey}|{r.RowKey}").Order(StringComparer.Ordinal));
        Assert.Equal(4300m, file.Row("2022-23_YEAR", "LA_Rotherham_All").Count(BenchmarkCount.Susp));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("z")]
    [InlineData(":")]
    [InlineData(".")]
    [InlineData("SUPP")]
    [InlineData("")]
    public void ReadsEachSuppressionSymbolAsNoFigureAndCountsTheRow(string symbol)
    {
        var file = BenchmarkFiles.CurrentExclusions(
            $"202324,Academic year,Local authority,England,North East,Hartlepool,Total,14000,{symbol},{symbol},900,6.43,400,2.86",
            "202324,Academic year,Local authority,England,North East,Darlington,Total,15000,12,0.08,800,5.33,300,2");

        var hartlepool = file.Row("2023-24_YEAR", "LA_Hartlepool_All");
        Assert.Equal(0, file.RowsRejected);
        Assert.True(hartlepool.HasSuppressedValues);
        Assert.Null(hartlepool.Count(BenchmarkCount.PermExcl));
        Assert.Null(hartlepool.Published(BenchmarkRate.PermExclRate));
        Assert.Null(hartlepool.Rate(BenchmarkRate.PermExclRate));
        Assert.True(hartlepool.Publishes(BenchmarkRate.PermExclRate));
        Assert.Equal(1, file.Summary().RowsWithSuppressedValues);
    }

    [Theory]
    [InlineData("Total", BenchmarkPhase.All)]
    [InlineData("Primary", BenchmarkPhase.Primary)]
    [InlineData("State-funded primary", BenchmarkPhase.Primary)]
    [InlineData("state-funded secondary", BenchmarkPhase.Secondary)]
    [InlineData("special", BenchmarkPhase.Special)]
    [InlineData("State-funded special", BenchmarkPhase.Special)]
    [InlineData("State-funded AP school", BenchmarkPhase.AlternativeProvision)]
    [InlineData("Pupil referral unit", BenchmarkPhase.AlternativeProvision)]
    [InlineData("PRU", BenchmarkPhase.AlternativeProvision)]
    public void MapsDfEPhasesIncludingAlternativeProvision(string dfe, BenchmarkPhase phase)
    {
        Assert.True(BenchmarkPhases.TryParse(dfe, out var parsed));
        Assert.Equal(phase, parsed);
    }

    [Fact]
    public void SkipsAndCountsRowsOfOtherSchoolTypesAndLevels()
    {
        var file = BenchmarkFiles.CurrentExclusions(
            "202324,Academic year,Local authority,England,North East,Hartlepool,Independent school,900,0,0,10,1.11,5,0.56",
            "202324,Academic year,Local authority,England,North East,Hartlepool,Non-maintained special,90,0,0,10,11.11,5,5.56",
            "202324,Academic year,School,England,North East,Hartlepool,Total,900,0,0,10,1.11,5,0.56",
            "202324,Academic year,Local authority,England,North East,Hartlepool,Total,14000,7,0.05,900,6.43,400,2.86");

        Assert.Equal((4, 3, 0), (file.RowsRead, file.RowsSkipped, file.RowsRejected));
        Assert.Equal("LA_Hartlepool_All", Assert.Single(file.Rows).RowKey);
        Assert.Equal(["education_phase: Independent school", "education_phase: Non-maintained special", "geographic_level: School"], file.Summary().SkippedValues);
    }

    [Theory]
    [InlineData("Academic year", "YEAR")]
    [InlineData("Full academic year", "YEAR")]
    [InlineData("Autumn term", "AUT")]
    [InlineData("Spring term", "SPR")]
    [InlineData("Summer term", "SUM")]
    [InlineData("Autumn and spring term", "AUTSPR")]
    public void PutsEachPeriodInItsOwnPartition(string timeIdentifier, string period)
    {
        var file = BenchmarkFiles.CurrentExclusions($"201617,{timeIdentifier},National,England,,,Total,8025075,7720,0.1,381865,4.76,183475,2.29");

        Assert.Equal($"2016-17_{period}", Assert.Single(file.Rows).PartitionKey);
    }

    [Fact]
    public void RejectsRowsItCannotPlaceWithTheirColumnAndKeepsTheRest()
    {
        var file = BenchmarkFiles.CurrentExclusions(
            "2016,Calendar year,National,England,,,Total,8025075,7720,0.1,381865,4.76,183475,2.29",
            "201617,Week 12,National,England,,,Total,8025075,7720,0.1,381865,4.76,183475,2.29",
            "201617,Academic year,Local authority,England,North East,NULL,Total,100,1,1,1,1,1,1",
            "201617,Academic year,Local authority,England,North East,Hartlepool,Total,many,-1,0.1,381865,4.76,183475,2.29",
            "201617,Academic year,Local authority,England,North East,Darlington,Total,15000,12,0.08,800,5.33,300,2",
            "201617,Academic year,Local authority,England,North East,Darlington,Total,15000,12,0.08,800,5.33,300,2");

        Assert.Equal((6, 1, 5), (file.RowsRead, file.Rows.Count, file.RowsRejected));
        Assert.Equal(
            [(2, "time_period"), (2, "time_identifier"), (3, "time_identifier"), (4, "la_name"), (5, "headcount"), (5, "perm_excl"), (7, "la_name")],
            file.Rejections.Select(e => (e.RowNumber, e.Column)));
        Assert.Contains("already gives figures", file.Rejections[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsSpacesAndEncodesSlashesInAreaNamesInTheRowKey()
    {
        var file = BenchmarkFiles.CurrentExclusions("202324,Academic year,Local authority,England,South West,Bath/North East Somerset,Total,14000,7,0.05,900,6.43,400,2.86");

        var row = Assert.Single(file.Rows);
        Assert.Equal("LA_Bath%2FNorth East Somerset_All", row.RowKey);
        Assert.Equal("Bath/North East Somerset", row.Name);
    }

    [Fact]
    public void FindsTheHeaderBelowTitleRows()
    {
        var file = BenchmarkFiles.Csv("""
            Permanent exclusions and suspensions in England,,
            Source: Department for Education,,
            time_period,geographic_level,country_name,school_type,headcount,perm_excl,perm_excl_rate
            201516,National,England,Total,7916225,6685,0.08
            """);

        Assert.Equal(BenchmarkScheme.ExclusionsCurrent, file.Scheme);
        Assert.Equal(4, Assert.Single(file.Rows).RowNumber);
    }

    [Fact]
    public void TakesAFileWithoutALevelColumnAsNationalFigures()
    {
        var national = BenchmarkFiles.Csv("""
            "year","school_type","num_schools","headcount","perm_excl","perm_excl_rate","fixed_excl","fixed_excl_rate","one_plus_fixed","one_or_more_fixed_excl_rate"
            "200607","Total","21864","7526970","8680","0.12","425590","5.65","227125","3.02"
            "200607","state-funded primary","17378","4110750","970","0.02","45720","1.11","23650","0.58"
            "200607","dummy","1","0","20",".","0",".","0","."
            """);

        Assert.Equal(["National_England_All", "National_England_Primary"], national.Rows.Select(r => r.RowKey));
        Assert.Equal(1, national.RowsSkipped);
        Assert.Equal(BenchmarkScheme.ExclusionsOld, national.Scheme);
    }

    [Theory]
    [InlineData("UPN,NCYear,Category,StartDate\n", "No header row of DfE statistics")]
    [InlineData("time_period,la_name,education_phase,headcount,perm_excl\n201617,Rotherham,Total,100,1\n", "no geographic_level")]
    [InlineData("", "The file has no rows.")]
    public void RejectsAFileThatIsNotDfEStatisticsItCanRead(string csv, string reason)
    {
        var file = BenchmarkFiles.Csv(csv);

        Assert.False(file.IsReadable);
        Assert.Contains(reason, file.Rejection, StringComparison.Ordinal);
        Assert.Empty(file.Rows);
    }
}
