using System.Globalization;

namespace BackOnTrack.Core.Identifiers;

/// <summary>
/// A National Curriculum year group as CBDS codes it (docs/domain.md §NC years and phase): <c>N1</c>, <c>N2</c> (nursery), <c>R</c>
/// (reception), <c>1</c>–<c>14</c>, or <c>X</c> (not following NC year groups). <see cref="Code"/> is the text used in
/// the <c>NcYear-{code}</c> breakdowns.
/// </summary>
public readonly record struct NcYear
{
    private static readonly string[] Numbered =
        Enumerable.Range(1, 14).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray();

    private NcYear(string code) => Code = code;

    public static NcYear Nursery1 { get; } = new("N1");

    public static NcYear Nursery2 { get; } = new("N2");

    public static NcYear Reception { get; } = new("R");

    public static NcYear NotFollowed { get; } = new("X");

    /// <summary>The canonical code: <c>N1|N2|R|1…14|X</c>.</summary>
    public string Code { get; }

    /// <summary>NC year 1–14.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is outside 1–14.</exception>
    public static NcYear Year(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 14);
        return new NcYear(Numbered[number - 1]);
    }

    /// <summary>
    /// Parses the ways schools write a year group: <c>7</c>, <c>07</c>, <c>Y7</c>, <c>Yr 7</c>, <c>Year 7</c>,
    /// <c>NC Year 7</c>, <c>R</c>, <c>YR</c>, <c>Rec</c>, <c>Reception</c>, <c>N1</c>, <c>Nursery 1</c>, <c>N2</c>,
    /// <c>X</c>. Case, spaces and punctuation are ignored.
    /// </summary>
    public static bool TryParse(string? text, out NcYear year)
    {
        year = default;
        Span<char> buffer = stackalloc char[24];
        var length = 0;
        foreach (var c in text.AsSpan())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (length == buffer.Length)
                {
                    return false;
                }

                buffer[length++] = char.ToUpperInvariant(c);
            }
        }

        ReadOnlySpan<char> s = buffer[..length];
        if (s.StartsWith("NC"))
        {
            s = s[2..];
        }

        if (s is "R" or "YR" or "REC" or "RECEPTION" or "YEARR" or "YEARREC" or "YEARRECEPTION")
        {
            year = Reception;
            return true;
        }

        if (s is "X")
        {
            year = NotFollowed;
            return true;
        }

        if (s.StartsWith("NURSERY"))
        {
            s = string.Concat("N", s[7..]);
        }

        if (s is "N1" or "N2")
        {
            year = s[1] == '1' ? Nursery1 : Nursery2;
            return true;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["YEAR", "YR", "Y"])
        {
            if (s.StartsWith(prefix))
            {
                s = s[prefix.Length..];
                break;
            }
        }

        if (s.Length is > 0 and <= 2 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 14)
        {
            year = new NcYear(Numbered[number - 1]);
            return true;
        }

        return false;
    }

    public override string ToString() => Code;
}
