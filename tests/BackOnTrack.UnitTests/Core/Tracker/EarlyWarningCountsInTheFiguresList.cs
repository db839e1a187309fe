using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Tracker;

namespace BackOnTrack.UnitTests.Core.Tracker;

/// <summary>The figures list's early-warning items: counts by reason and NC-year band, with 1 and 2 shown as x.</summary>
public sealed class EarlyWarningCountsInTheFiguresList
{
    private const string School = "3724001";
    private static readonly AcademicYear Year = AcademicYear.Parse("2025-26");
    private static readonly DateOnly AsOf = new(2025, 12, 19);

    private static EarlyWarningFlag Flag(string ncYear, EarlyWarningStatus status, DateOnly? asOf = null, params EarlyWarningReason[] reasons) => new(
        $"pk{Guid.NewGuid():N}", status != EarlyWarningStatus.Cleared, [.. reasons.Select(r => new ReasonEvidence(r, Count: 3))], ncYear, "",
        status, new DateTimeOffset(2025, 11, 1, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 11, 1, 6, 0, 0, TimeSpan.Zero), asOf ?? AsOf);

    private static IEnumerable<EarlyWarningFlag> Many(int count, string ncYear, EarlyWarningStatus status, params EarlyWarningReason[] reasons) =>
        Enumerable.Range(0, count).Select(_ => Flag(ncYear, status, null, reasons));

    private static IReadOnlyDictionary<string, string?> Item(IReadOnlyList<TrackerRow> rows, string breakdown) =>
        rows.Single(r => r.Key == $"{School}_2025-26_EarlyWarning_{breakdown}").Fields;

    [Fact]
    public void FlaggedPupilsAreCountedByReasonAndByNcYearBandAndClearedOnesAreNot()
    {
        var rows = EarlyWarningFigureRows.For(School, Year,
        [
            .. Many(4, "10", EarlyWarningStatus.New, EarlyWarningReason.RepeatSuspensions, EarlyWarningReason.PersistentAbsence),
            .. Many(3, "8", EarlyWarningStatus.Continuing, EarlyWarningReason.LunchtimeExclusions, EarlyWarningReason.PersistentAbsence),
            .. Many(5, "11", EarlyWarningStatus.Cleared, EarlyWarningReason.RepeatSuspensions),
        ]);

        Assert.Equal(("7", "4"), (Item(rows, "All")[EarlyWarningFigureRows.Flagged], Item(rows, "All")[EarlyWarningFigureRows.New]));
        Assert.Equal("4", Item(rows, "Reason-RepeatSuspensions")[EarlyWarningFigureRows.Flagged]);
        Assert.Equal("3", Item(rows, "Reason-LunchtimeExclusions")[EarlyWarningFigureRows.Flagged]);
        Assert.Equal("7", Item(rows, "Reason-PersistentAbsence")[EarlyWarningFigureRows.Flagged]);
        Assert.Equal(("4", "3", "0"), (Item(rows, "NcBand-Y10-Y11")[EarlyWarningFigureRows.Flagged], Item(rows, "NcBand-Y7-Y9")[EarlyWarningFigureRows.Flagged], Item(rows, "NcBand-N1-Y6")[EarlyWarningFigureRows.Flagged]));
        Assert.Equal(("EarlyWarning", "NcBand-Y7-Y9", "2025-12-19T00:00:00Z"), (Item(rows, "NcBand-Y7-Y9")[TrackerLists.Period], Item(rows, "NcBand-Y7-Y9")[TrackerLists.Breakdown], Item(rows, "NcBand-Y7-Y9")[TrackerLists.DataAsOf]));
    }

    [Fact]
    public void EveryReasonAndBandHasAnItemEvenAtZeroSoACountThatFellOverwritesTheOneBefore()
    {
        var rows = EarlyWarningFigureRows.For(School, Year, Many(3, "9", EarlyWarningStatus.Cleared, EarlyWarningReason.RepeatSuspensions));

        Assert.Equal(1 + Enum.GetValues<EarlyWarningReason>().Length + EarlyWarningFigureRows.Bands.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal("0", r.Fields[EarlyWarningFigureRows.Flagged]));
    }

    [Fact]
    public void CountsOfOneOrTwoAreWrittenAsXAndThreeIsWrittenAsItIs()
    {
        var rows = EarlyWarningFigureRows.For(School, Year,
        [
            .. Many(1, "3", EarlyWarningStatus.New, EarlyWarningReason.WithdrawnPermanent, EarlyWarningReason.SevereAbsence),
            .. Many(2, "12", EarlyWarningStatus.Continuing, EarlyWarningReason.RepeatSuspensions, EarlyWarningReason.SevereAbsence),
        ]);

        Assert.Equal(("3", "x"), (Item(rows, "All")[EarlyWarningFigureRows.Flagged], Item(rows, "All")[EarlyWarningFigureRows.New]));
        Assert.Equal("3", Item(rows, "Reason-SevereAbsence")[EarlyWarningFigureRows.Flagged]);
        Assert.Equal(("x", "x"), (Item(rows, "Reason-WithdrawnPermanent")[EarlyWarningFigureRows.Flagged], Item(rows, "Reason-RepeatSuspensions")[EarlyWarningFigureRows.Flagged]));
        Assert.Equal(("x", "x"), (Item(rows, "NcBand-N1-Y6")[EarlyWarningFigureRows.Flagged], Item(rows, "NcBand-Y12-Y14")[EarlyWarningFigureRows.Flagged]));
        Assert.DoesNotContain(rows.SelectMany(r => new[] { r.Fields[EarlyWarningFigureRows.Flagged], r.Fields[EarlyWarningFigureRows.New] }), v => v is "1" or "2");
    }

    [Fact]
    public void RowsLeftByAnotherYearsRecomputeAreNotThisYearsCountAndAYearWithNoneGetsNoItems()
    {
        EarlyWarningFlag[] flags =
        [
            .. Many(3, "7", EarlyWarningStatus.Continuing, EarlyWarningReason.RepeatSuspensions),
            Flag("7", EarlyWarningStatus.Continuing, new DateOnly(2025, 7, 18), EarlyWarningReason.RepeatSuspensions),
        ];

        var thisYear = EarlyWarningFigureRows.For(School, Year, flags);
        var yearBefore = EarlyWarningFigureRows.For(School, AcademicYear.Parse("2024-25"), flags);
        var yearWithNone = EarlyWarningFigureRows.For(School, AcademicYear.Parse("2023-24"), flags);

        Assert.Equal("3", Item(thisYear, "All")[EarlyWarningFigureRows.Flagged]);
        Assert.Equal("x", yearBefore.Single(r => r.Key == $"{School}_2024-25_EarlyWarning_All").Fields[EarlyWarningFigureRows.Flagged]);
        Assert.Empty(yearWithNone);
    }

    [Theory]
    [InlineData("N1", "N1-Y6")]
    [InlineData("R", "N1-Y6")]
    [InlineData("6", "N1-Y6")]
    [InlineData("7", "Y7-Y9")]
    [InlineData("9", "Y7-Y9")]
    [InlineData("10", "Y10-Y11")]
    [InlineData("11", "Y10-Y11")]
    [InlineData("12", "Y12-Y14")]
    [InlineData("X", "Unknown")]
    [InlineData("", "Unknown")]
    public void NcYearsFallIntoKeyStageBands(string ncYear, string band) => Assert.Equal(band, EarlyWarningFigureRows.BandOf(ncYear));

    [Fact]
    public void NoItemCarriesAPupilKeyOrACohort()
    {
        var flags = Many(3, "10", EarlyWarningStatus.New, EarlyWarningReason.RepeatSuspensions).Select(f => f with { Cohort = "Nurture-group" }).ToList();

        var rows = EarlyWarningFigureRows.For(School, Year, flags);

        var values = rows.SelectMany(r => r.Fields.Values).OfType<string>().ToList();
        Assert.DoesNotContain(values, v => flags.Any(f => v.Contains(f.PupilKey, StringComparison.Ordinal)) || v.Contains("Nurture", StringComparison.Ordinal));
    }
}
