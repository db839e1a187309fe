using System.Text;
using BackOnTrack.Core.Text;

namespace BackOnTrack.M365.Digest;

/// <summary>
/// Makes text from the plan, the tracker or an owner safe to show in an Adaptive Card TextBlock or Fact: it can only
/// ever be shown as itself. TextBlock and Fact text is a markdown subset (bold, italic, lists, links), Teams turns
/// <c>&lt;at&gt;</c> into mentions and bare URLs into links, and <c>{{DATE()}}</c>/<c>{{TIME()}}</c> are card functions.
/// So: one line, markdown punctuation backslash-escaped (CommonMark) where it can mean something (anywhere for
/// emphasis, code, links and tags; at the start for lists, headings and quotes),
/// <c>{{</c> and URL schemes broken with a zero-width space, direction overrides dropped, and the length capped.
/// </summary>
public static class CardText
{
    /// <summary>Markdown punctuation that means something wherever it stands (emphasis, code, links, images, HTML, mentions).</summary>
    private const string EscapedAnywhere = "\\`*_~[]<>";

    /// <summary>Characters that open a block (heading, quote; list when a space follows) when they start the text.</summary>
    private const string EscapedAtStart = "#>";

    private const char ZeroWidthSpace = Spaces.ZeroWidthSpace;

    /// <summary>The text, neutralised and cut to at most <paramref name="maxLength"/> characters of content (plus "…").</summary>
    public static string Plain(string? text, int maxLength = 200)
    {
        var line = Shorten(OneLine(text), maxLength);
        var builder = new StringBuilder(line.Length + 16);
        var orderedMarkerEnd = OrderedListMarkerEnd(line);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '{' && i + 1 < line.Length && line[i + 1] == '{')
            {
                // {{DATE(...)}} would be evaluated: "{" + zero-width space + "{" is neither a function nor visible markup.
                builder.Append('{').Append(ZeroWidthSpace);
                continue;
            }

            if (c == ':' && i + 2 < line.Length && line[i + 1] == '/' && line[i + 2] == '/')
            {
                // "https://…" would be auto-linked: a zero-width space after the colon keeps it text.
                builder.Append(':').Append(ZeroWidthSpace);
                continue;
            }

            if (EscapedAnywhere.Contains(c, StringComparison.Ordinal)
                || (i == 0 && EscapedAtStart.Contains(c, StringComparison.Ordinal))
                || (i == 0 && c is '-' or '+' && (line.Length == 1 || line[1] == ' '))
                || i == orderedMarkerEnd)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return WithoutAutoLinkedHosts(builder.ToString());
    }

    /// <summary>Index of the "." or ")" in a leading "12. " / "3) " (an ordered list; "3.2" is not one), or -1.</summary>
    private static int OrderedListMarkerEnd(string line)
    {
        var i = 0;
        while (i < line.Length && char.IsAsciiDigit(line[i]))
        {
            i++;
        }

        return i > 0 && i < line.Length && line[i] is '.' or ')' && (i + 1 == line.Length || line[i + 1] == ' ') ? i : -1;
    }

    /// <summary>Collapses every run of whitespace and control characters to one space; drops bidi overrides.</summary>
    internal static string OneLine(string? text) => Spaces.Collapse(text, SpaceRules.ControlsAreSpaces | SpaceRules.DropInvisible);

    internal static string Shorten(string text, int maxLength)
    {
        if (maxLength < 1 || text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut].TrimEnd() + "…";
    }

    /// <summary>"www.example.org" is auto-linked without a scheme: break the "www." the same way.</summary>
    private static string WithoutAutoLinkedHosts(string text) =>
        text.Replace("www.", "www" + ZeroWidthSpace + ".", StringComparison.OrdinalIgnoreCase);
}
