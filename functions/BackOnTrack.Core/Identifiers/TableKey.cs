using System.Text;

namespace BackOnTrack.Core.Identifiers;

/// <summary>
/// The one encoder for free text in Table storage keys (docs/architecture.md §Storage). Table keys may not contain <c>/ \ # ?</c> or
/// control characters (U+0000–U+001F, U+007F–U+009F); each of those, and <c>%</c> itself so the encoding is
/// reversible, becomes <c>%XX</c> (two upper-case hex digits). Everything else is kept, so encoded keys still sort
/// and read like the text.
/// </summary>
public static class TableKey
{
    /// <summary>Escapes the characters Table storage forbids in keys.</summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = IndexOfEscaped(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (NeedsEscape(c))
            {
                builder.Append('%').Append(HexDigit(c >> 4)).Append(HexDigit(c & 0xF));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Reverses <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">A <c>%</c> is not followed by two hex digits.</exception>
    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var first = key.IndexOf('%', StringComparison.Ordinal);
        if (first < 0)
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        builder.Append(key, 0, first);
        for (var i = first; i < key.Length; i++)
        {
            if (key[i] != '%')
            {
                builder.Append(key[i]);
                continue;
            }

            if (i + 2 >= key.Length || !char.IsAsciiHexDigit(key[i + 1]) || !char.IsAsciiHexDigit(key[i + 2]))
            {
                throw new FormatException($"A '%' at position {i} of a table key is not followed by two hex digits.");
            }

            builder.Append((char)((HexValue(key[i + 1]) << 4) | HexValue(key[i + 2])));
            i += 2;
        }

        return builder.ToString();
    }

    private static int IndexOfEscaped(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (NeedsEscape(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool NeedsEscape(char c) =>
        c is '%' or '/' or '\\' or '#' or '?' or <= '\u001F' or (>= '\u007F' and <= '\u009F');

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static int HexValue(char c) => char.IsAsciiDigit(c) ? c - '0' : (char.ToUpperInvariant(c) - 'A') + 10;
}
