using System.Globalization;

namespace BackOnTrack.Core.Ingest.Validation;

/// <summary>Whole-number and decimal cells (counts, days), as CSV text or as spreadsheets write numbers ("4", "4.0").</summary>
internal static class Numbers
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    public static bool TryDecimal(string text, out decimal value) =>
        decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out value);

    /// <summary>A whole number of at most int range; "12.0" is 12, "12.5" is not whole.</summary>
    public static bool TryWhole(string text, out int value)
    {
        value = 0;
        if (!TryDecimal(text, out var number) || number != decimal.Truncate(number) || number < int.MinValue || number > int.MaxValue)
        {
            return false;
        }

        value = (int)number;
        return true;
    }
}
