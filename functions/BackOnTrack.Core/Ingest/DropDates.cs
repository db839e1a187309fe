using System.Globalization;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Ingest;

/// <summary>
/// The date forms schools' files use (docs/architecture.md §Inputs): <c>dd/MM/yyyy</c> (also <c>d/M/yyyy</c>), ISO <c>yyyy-MM-dd</c>,
/// <c>d MMM yyyy</c> (also full month names and <c>d-MMM-yyyy</c>, optionally after a weekday), and Excel serial
/// numbers. A midnight time after the date (<c>03/11/2025 00:00</c>, <c>2025-11-03T00:00:00</c>), as spreadsheets
/// export dates, is allowed; any other time is not, since a date column should hold dates.
/// </summary>
public static class DropDates
{
    /// <summary>
    /// A bare number is read as an Excel serial only from this one (1 January 1990) up, so that a year, a count or a
    /// session number that strays into a date column is not taken for a date in 1905.
    /// </summary>
    public const int MinimumSerial = 32_874;

    private static readonly string[] DayMonthYear = ["d/M/yyyy", "d MMM yyyy", "d MMMM yyyy", "d-MMM-yyyy", "d-MMMM-yyyy"];

    private static readonly string[] Midnight = ["00:00", "00:00:00", "0:00", "0:00:00", "00:00:00.000", "12:00:00 AM", "12:00 AM"];

    /// <summary>Parses one date; the text is trimmed first.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        var span = text.Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        if (char.IsAsciiDigit(span[0]) && IsNumber(span))
        {
            return double.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial)
                && serial >= MinimumSerial
                && ExcelDates.TryToDate(serial, date1904: false, out date);
        }

        span = WithoutWeekday(WithoutMidnight(span));
        if (span.Length == 10 && span[4] == '-' && span[7] == '-')
        {
            return DateOnly.TryParseExact(span, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        }

        // "Sept" is how many UK systems abbreviate September; the invariant culture knows only "Sep".
        Span<char> buffer = stackalloc char[span.Length];
        span.CopyTo(buffer);
        var normalised = ReplaceSept(buffer);
        return DateOnly.TryParseExact(normalised, DayMonthYear, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out date);
    }

    private static bool IsNumber(ReadOnlySpan<char> span)
    {
        var dots = 0;
        foreach (var c in span)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return dots <= 1;
    }

    private static ReadOnlySpan<char> WithoutMidnight(ReadOnlySpan<char> span)
    {
        for (var split = 1; split < span.Length; split++)
        {
            if (span[split] is not (' ' or 'T'))
            {
                continue;
            }

            var rest = span[(split + 1)..].Trim().TrimEnd('Z');
            foreach (var midnight in Midnight)
            {
                if (rest.Equals(midnight, StringComparison.OrdinalIgnoreCase))
                {
                    return span[..split].Trim();
                }
            }
        }

        return span;
    }

    // "Mon 3 Nov 2025", "Monday, 3 November 2025" → "3 Nov 2025".
    private static ReadOnlySpan<char> WithoutWeekday(ReadOnlySpan<char> span)
    {
        if (span.IsEmpty || !char.IsAsciiLetter(span[0]))
        {
            return span;
        }

        var end = 0;
        while (end < span.Length && char.IsAsciiLetter(span[end]))
        {
            end++;
        }

        return span[end..].TrimStart(", ");
    }

    private static ReadOnlySpan<char> ReplaceSept(Span<char> text)
    {
        var at = text.IndexOf("Sept", StringComparison.OrdinalIgnoreCase);
        if (at < 0 || (at + 4 < text.Length && char.IsAsciiLetter(text[at + 4])))
        {
            return text;
        }

        text[(at + 4)..].CopyTo(text[(at + 3)..]);
        return text[..^1];
    }
}
