using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.UnitTests.Core.Calendar;

public class AcademicCalendarTerms
{
    [Theory]
    [InlineData(2016, 3, 27)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    public void KnowsEasterSunday(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), AcademicCalendar.EasterSunday(year));
    }

    [Theory]
    [InlineData(2025, 8, 1, Period.Autumn)]
    [InlineData(2025, 12, 31, Period.Autumn)]
    [InlineData(2026, 1, 1, Period.Spring)]
    [InlineData(2026, 4, 5, Period.Spring)] // Easter Sunday 2026 ends spring
    [InlineData(2026, 4, 6, Period.Summer)] // Easter Monday starts summer
    [InlineData(2026, 7, 31, Period.Summer)]
    public void UsesTheCensusTermBoundaries(int y, int m, int d, Period term)
    {
        Assert.Equal(term, AcademicCalendar.TermOf(new DateOnly(y, m, d)));
    }

    [Fact]
    public void ADateCountsTowardsItsTermAndTheYear()
    {
        Assert.Equal([Period.Spring, Period.Year], AcademicCalendar.PeriodsOf(new DateOnly(2016, 2, 1)));
    }

    [Fact]
    public void GivesEachPeriodsFirstAndLastDay()
    {
        var year = AcademicYear.Parse("2015-16");

        Assert.Equal((new DateOnly(2015, 8, 1), new DateOnly(2015, 12, 31)), AcademicCalendar.DatesOf(year, Period.Autumn));
        Assert.Equal((new DateOnly(2016, 1, 1), new DateOnly(2016, 3, 27)), AcademicCalendar.DatesOf(year, Period.Spring));
        Assert.Equal((new DateOnly(2016, 3, 28), new DateOnly(2016, 7, 31)), AcademicCalendar.DatesOf(year, Period.Summer));
        Assert.Equal((year.Start, year.End), AcademicCalendar.DatesOf(year, Period.Year));
    }

    [Theory]
    [InlineData(Period.Autumn, "AUT")]
    [InlineData(Period.Spring, "SPR")]
    [InlineData(Period.Summer, "SUM")]
    [InlineData(Period.Year, "YEAR")]
    public void WritesThePeriodCodesUsedInKeys(Period period, string code)
    {
        Assert.Equal(code, period.ToCode());
    }

    [Fact]
    public void PutsADateInItsAcademicYear()
    {
        Assert.Equal("2025-26", AcademicCalendar.AcademicYearOf(new DateOnly(2026, 7, 31)).ToString());
    }
}
