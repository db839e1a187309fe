namespace BackOnTrack.Core.Calendar;

/// <summary>The reporting periods of docs/architecture.md §Storage: the three census terms and the whole academic year.</summary>
public enum Period
{
    /// <summary><c>AUT</c>: 1 August – 31 December.</summary>
    Autumn,

    /// <summary><c>SPR</c>: 1 January – Easter Sunday.</summary>
    Spring,

    /// <summary><c>SUM</c>: Easter Monday – 31 July.</summary>
    Summer,

    /// <summary><c>YEAR</c>: the academic year, 1 August – 31 July.</summary>
    Year,
}

/// <summary>The period codes used in table keys.</summary>
public static class PeriodCodes
{
    /// <summary><c>AUT</c>, <c>SPR</c>, <c>SUM</c> or <c>YEAR</c>.</summary>
    public static string ToCode(this Period period) => period switch
    {
        Period.Autumn => "AUT",
        Period.Spring => "SPR",
        Period.Summer => "SUM",
        Period.Year => "YEAR",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Not a period."),
    };

    /// <summary>Reads a code written by <see cref="ToCode"/>, ignoring case.</summary>
    public static bool TryParse(string? code, out Period period)
    {
        foreach (var candidate in Enum.GetValues<Period>())
        {
            if (string.Equals(code?.Trim(), candidate.ToCode(), StringComparison.OrdinalIgnoreCase))
            {
                period = candidate;
                return true;
            }
        }

        period = default;
        return false;
    }
}
