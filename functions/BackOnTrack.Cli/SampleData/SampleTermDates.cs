using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Cli.SampleData;

/// <summary>
/// Plausible English LA term dates for the sample year, by rule rather than from a published calendar: autumn from the
/// first weekday from 2 September to the last weekday by 20 December, with half term in the week of October's last
/// Monday; spring from the first weekday from 6 January, with half term in the week of February's third Monday; the
/// two weeks around Easter off; summer from the Monday a week after Easter Monday to the last weekday by 20 July,
/// without the early May bank holiday and with half term in the week of May's last Monday. (For 2024-25:
/// 2 September–20 December 2024 with half term from 28 October, 6 January–11 April 2025, 28 April–18 July 2025.)
/// These are the days schools are open, which exclusions start on and registers are taken for; the hub's own terms
/// are the census ones (<see cref="AcademicCalendar"/>).
/// </summary>
internal sealed class SampleTermDates
{
    public SampleTermDates(AcademicYear year)
    {
        var autumn = year.StartYear;
        var spring = autumn + 1;
        var easter = AcademicCalendar.EasterSunday(spring);

        AutumnStart = FirstWeekdayFrom(new DateOnly(autumn, 9, 2));
        AutumnEnd = LastWeekdayBy(new DateOnly(autumn, 12, 20));
        var autumnHalfTerm = LastMonday(autumn, 10);
        var springHalfTerm = Nth(DayOfWeek.Monday, 3, spring, 2);
        var summerHalfTerm = LastMonday(spring, 5);
        var earlyMayBankHoliday = Nth(DayOfWeek.Monday, 1, spring, 5);

        AutumnDays = Weekdays(AutumnStart, AutumnEnd).Where(d => !InWeekOf(d, autumnHalfTerm)).ToList();
        SchoolDays =
        [
            .. AutumnDays,
            .. Weekdays(FirstWeekdayFrom(new DateOnly(spring, 1, 6)), easter.AddDays(-9)).Where(d => !InWeekOf(d, springHalfTerm)),
            .. Weekdays(easter.AddDays(8), LastWeekdayBy(new DateOnly(spring, 7, 20)))
                .Where(d => !InWeekOf(d, summerHalfTerm) && d != earlyMayBankHoliday),
        ];

        // The spring census, whose pupils on roll are the exclusion-rate headcount (docs/domain.md §Rates).
        CensusDay = Nth(DayOfWeek.Thursday, 3, spring, 1);
    }

    public DateOnly AutumnStart { get; }

    public DateOnly AutumnEnd { get; }

    /// <summary>The autumn term's school days, in order.</summary>
    public IReadOnlyList<DateOnly> AutumnDays { get; }

    /// <summary>Every school day of the year, in order.</summary>
    public IReadOnlyList<DateOnly> SchoolDays { get; }

    /// <summary>The third Thursday of January.</summary>
    public DateOnly CensusDay { get; }

    private static DateOnly FirstWeekdayFrom(DateOnly date)
    {
        while (IsWeekend(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static DateOnly LastWeekdayBy(DateOnly date)
    {
        while (IsWeekend(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    private static DateOnly Nth(DayOfWeek day, int n, int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }

    private static bool InWeekOf(DateOnly date, DateOnly monday) => date >= monday && date <= monday.AddDays(4);

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static IEnumerable<DateOnly> Weekdays(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (!IsWeekend(day))
            {
                yield return day;
            }
        }
    }
}
