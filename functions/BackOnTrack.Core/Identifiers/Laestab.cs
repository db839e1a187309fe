namespace BackOnTrack.Core.Identifiers;

/// <summary>
/// A school's LAESTAB ("DfE number"): 3-digit LA code followed by a 4-digit establishment number, e.g. 3724001
/// (docs/domain.md §Establishments).
/// </summary>
public sealed record Laestab
{
    private Laestab(string value) => Value = value;

    /// <summary>The seven digits, with no separator.</summary>
    public string Value { get; }

    /// <summary>The 3-digit LA code (e.g. 372 for Rotherham).</summary>
    public string LaCode => Value[..3];

    /// <summary>
    /// Parses seven digits, also written as DfE numbers often are, with a separator after the LA code
    /// (<c>372/4001</c>, <c>372-4001</c>).
    /// </summary>
    public static bool TryParse(string? text, out Laestab laestab, out string reason)
    {
        laestab = null!;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            reason = "LAESTAB is missing.";
            return false;
        }

        Span<char> digits = stackalloc char[7];
        var count = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if ((c == '/' || c == '-') && i == 3 && count == 3)
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || count == 7)
            {
                reason = "LAESTAB must be 7 digits (3-digit LA code and 4-digit establishment number).";
                return false;
            }

            digits[count++] = c;
        }

        if (count != 7)
        {
            reason = "LAESTAB must be 7 digits (3-digit LA code and 4-digit establishment number).";
            return false;
        }

        laestab = new Laestab(new string(digits));
        reason = string.Empty;
        return true;
    }

    /// <summary>Parses a LAESTAB that is known to be valid (configuration, storage keys).</summary>
    /// <exception cref="FormatException">The text is not a LAESTAB.</exception>
    public static Laestab Parse(string text) =>
        TryParse(text, out var laestab, out var reason) ? laestab : throw new FormatException(reason);

    public override string ToString() => Value;
}
