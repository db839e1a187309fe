using System.Globalization;

namespace BackOnTrack.Core.Identifiers;

/// <summary>
/// An academic year as statistics count it: 1 August to 31 July (docs/domain.md §Academic calendar), written <c>yyyy-yy</c> (e.g.
/// <c>2015-16</c>), the form used in table keys.
/// </summary>
public readonly record struct AcademicYear : IComparable<AcademicYear>
{
    private AcademicYear(int startYear) => StartYear = startYear;

    /// <summary>The calendar year in which the academic year starts (2015 for 2015-16).</summary>
    public int StartYear { get; }

    /// <summary>1 August of <see cref="StartYear"/>.</summary>
    public DateOnly Start => new(StartYear, 8, 1);

    /// <summary>31 July of the following year.</summary>
    public DateOnly End => new(StartYear + 1, 7, 31);

    /// <summary>The academic year a calendar year starts (2015 gives 2015-16).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1900–9998.</exception>
    public static AcademicYear StartingIn(int startYear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(startYear, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startYear, 9998);
        return new AcademicYear(startYear);
    }

    /// <summary>The academic year a date falls in: August onwards belongs to the year starting then.</summary>
    public static AcademicYear FromDate(DateOnly date) => new(date.Month >= 8 ? date.Year : date.Year - 1);

    /// <summary>True when the date is between <see cref="Start"/> and <see cref="End"/> inclusive.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>
    /// Parses <c>2015-16</c>, <c>2015/16</c>, <c>2015-2016</c>, <c>2015/2016</c> and DfE's <c>time_period</c> form
    /// <c>201516</c>. The second year must follow the first.
    /// </summary>
    public static bool TryParse(string? text, out AcademicYear year)
    {
        year = default;
        var span = text.AsSpan().Trim();
        int first, second;
        if (span.Length == 6 && IsDigits(span))
        {
            first = Number(span[..4]);
            second = Number(span[4..]);
        }
        else if ((span.Length == 7 || span.Length == 9) && (span[4] == '-' || span[4] == '/') && IsDigits(span[..4]) && IsDigits(span[5..]))
        {
            first = Number(span[..4]);
            second = Number(span[5..]);
        }
        else
        {
            return false;
        }

        var follows = span.Length == 9 ? second == first + 1 : second == (first + 1) % 100;
        if (!follows || first < 1900 || first > 9998)
        {
            return false;
        }

        year = new AcademicYear(first);
        return true;
    }

    /// <exception cref="FormatException">The text is not an academic year.</exception>
    public static AcademicYear Parse(string text) =>
        TryParse(text, out var year) ? year : throw new FormatException("An academic year is written yyyy-yy, e.g. 2015-16.");

    public int CompareTo(AcademicYear other) => StartYear.CompareTo(other.StartYear);

    public static bool operator <(AcademicYear left, AcademicYear right) => left.CompareTo(right) < 0;

    public static bool operator >(AcademicYear left, AcademicYear right) => left.CompareTo(right) > 0;

    public static bool operator <=(AcademicYear left, AcademicYear right) => left.CompareTo(right) <= 0;

    public static bool operator >=(AcademicYear left, AcademicYear right) => left.CompareTo(right) >= 0;

    /// <summary><c>yyyy-yy</c>, e.g. <c>2015-16</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StartYear:D4}-{(StartYear + 1) % 100:D2}");

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int Number(ReadOnlySpan<char> digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
