using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Plans;

/// <summary>
/// Tidies text from a plan's cells. Word and Excel exports carry non-breaking spaces, doubled spaces, blank lines
/// between paragraphs and trailing line breaks; none of them is meant, so they are removed, while the line breaks
/// between a cell's paragraphs (a list of sub-steps, say) are kept.
/// </summary>
internal static class CellText
{
    /// <summary>Each line trimmed with its runs of spaces collapsed; blank lines dropped; lines joined by <c>\n</c>.</summary>
    public static string Lines(string? text) => string.Join('\n', LinesOf(text));

    /// <summary>The text on one line: line breaks become spaces, runs of spaces collapse.</summary>
    public static string OneLine(string? text) => string.Join(' ', LinesOf(text));

    /// <summary>The non-blank lines of a cell, each trimmed and with its runs of spaces collapsed.</summary>
    public static IEnumerable<string> LinesOf(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        foreach (var line in text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var tidy = Spaces.Collapse(line);
            if (tidy.Length > 0)
            {
                yield return tidy;
            }
        }
    }
}
