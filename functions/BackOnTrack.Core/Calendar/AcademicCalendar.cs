using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Calendar;

/// <summary>
/// Which academic year and term a date belongs to. Terms use the <b>census</b> definitions (docs/domain.md §Academic calendar): autumn
/// 1 Aug – 31 Dec, spring 1 Jan – Easter Sunday, summer Easter Monday – 31 Jul. These, not an LA's published term
/// dates, are what DfE's termly exclusion and absence statistics use, so the hub's termly figures line up with the
/// benchmarks; they also cover every day of the year (holidays included), so no date falls between terms, and they
/// need no per-LA configuration.
/// </summary>
public static class AcademicCalendar
{
    /// <summary>The academic year (1 Aug – 31 Jul) a date falls in.</summary>
    public static AcademicYear AcademicYearOf(DateOnly date) => AcademicYear.FromDate(date);

    /// <summary>The census term (<see cref="Period.Autumn"/>, <see cref="Period.Spring"/> or <see cref="Period.Summer"/>) of a date.</summary>
    public static Period TermOf(DateOnly date)
    {
        if (date.Month >= 8)
        {
            return Period.Autumn;
        }

        return date <= EasterSunday(date.Year) ? Period.Spring : Period.Summer;
    }

    /// <summary>The periods a date counts towards: its term and the whole year.</summary>
    public static IReadOnlyList<Period> PeriodsOf(DateOnly date) => [TermOf(date), Period.Year];

    /// <summary>First and last day (inclusive) of a period of an academic year.</summary>
    public static (DateOnly Start, DateOnly End) DatesOf(AcademicYear year, Period period)
    {
        var easter = EasterSunday(year.StartYear + 1);
        return period switch
        {
            Period.Autumn => (year.Start, new DateOnly(year.StartYear, 12, 31)),
            Period.Spring => (new DateOnly(year.StartYear + 1, 1, 1), easter),
            Period.Summer => (easter.AddDays(1), year.End),
            Period.Year => (year.Start, year.End),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Not a period."),
        };
    }

    /// <summary>Easter Sunday of a year in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
