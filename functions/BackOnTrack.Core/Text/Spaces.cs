using System.Globalization;
using System.Text;

namespace BackOnTrack.Core.Text;

/// <summary>What <see cref="Spaces.Collapse"/> counts as a space, and what it drops.</summary>
[Flags]
public enum SpaceRules
{
    /// <summary>Only <see cref="char.IsWhiteSpace(char)"/> characters are spaces.</summary>
    WhiteSpace = 0,

    /// <summary>Control characters and the Unicode line and paragraph separators are spaces too.</summary>
    ControlsAreSpaces = 1,

    /// <summary>
    /// Invisible characters that change how text around them reads are dropped: the bidirectional embeddings, overrides
    /// and isolates, the left-to-right and right-to-left marks, and the zero-width space.
    /// </summary>
    DropInvisible = 2,
}

/// <summary>
/// The hub's one whitespace tidy: a plan cell's lines (<c>CellText</c>) and a card's text (<c>CardText</c>) are both this,
/// with their own <see cref="SpaceRules"/>.
/// </summary>
public static class Spaces
{
    /// <summary>The zero-width space: dropped by <see cref="SpaceRules.DropInvisible"/>, and what card text breaks markup with.</summary>
    public const char ZeroWidthSpace = '\u200B';

    /// <summary>The text with every run of spaces collapsed to one space, none at either end.</summary>
    public static string Collapse(ReadOnlySpan<char> text, SpaceRules rules = SpaceRules.WhiteSpace)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if ((rules & SpaceRules.DropInvisible) != 0 && IsInvisible(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || ((rules & SpaceRules.ControlsAreSpaces) != 0 && IsControl(c)))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool IsControl(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static bool IsInvisible(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or ZeroWidthSpace;
}
