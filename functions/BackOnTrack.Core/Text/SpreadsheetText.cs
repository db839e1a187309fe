namespace BackOnTrack.Core.Text;

/// <summary>
/// Makes untrusted text safe to put where a spreadsheet will open it (a CSV report, a SharePoint list Excel exports):
/// text that a spreadsheet would run as a formula is turned back into text.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>
    /// The value, with a leading apostrophe when it starts with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> (a formula to
    /// Excel, LibreOffice and Google Sheets, e.g. <c>=HYPERLINK(...)</c> or <c>@SUM(...)</c>), or with a tab, carriage
    /// return or line feed (which some of them skip before looking for one). The apostrophe is Excel's own "this is
    /// text" mark, so people see the value as written. Null reads as empty.
    /// </summary>
    public static string Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' ? "'" + value : value;
    }

    /// <summary>One CSV cell: neutralised, then quoted (quotes doubled), so commas and line breaks stay inside it.</summary>
    public static string CsvCell(string? value) => "\"" + Neutralise(value).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
