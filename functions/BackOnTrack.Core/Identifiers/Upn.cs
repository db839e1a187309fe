namespace BackOnTrack.Core.Identifiers;

/// <summary>
/// A Unique Pupil Number whose format and check letter are valid (DfE "Unique Pupil Number" standard, docs/domain.md §UPN):
/// 13 characters, a check letter, 11 digits, then a digit (permanent UPN) or a letter (temporary UPN).
/// </summary>
/// <remarks>
/// A UPN is personal data. <see cref="ToString"/> deliberately does not return it, so that a UPN that slips into a log
/// line or an exception message is redacted; code that must have the clear value (only to pseudonymise it) reads
/// <see cref="Value"/>.
/// </remarks>
public readonly struct Upn : IEquatable<Upn>
{
    public const int Length = 13;

    // The 23 letters used for check letters and a temporary UPN's last character, valued 0–22 (I, O and S are omitted
    // because they are easily read as 1, 0 and 5).
    private const string Letters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private Upn(string value) => Value = value;

    /// <summary>The UPN, trimmed and upper-cased. Personal data: pseudonymise it, never store or log it.</summary>
    public string Value { get; }

    /// <summary>True for a temporary UPN (a letter in position 13), allocated while the permanent one is unknown.</summary>
    public bool IsTemporary => char.IsAsciiLetter(Value[^1]);

    /// <summary>
    /// Parses a UPN, trimming it and ignoring case. On failure <paramref name="reason"/> says what is wrong without
    /// repeating the value.
    /// </summary>
    public static bool TryParse(string? text, out Upn upn, out string reason)
    {
        upn = default;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            reason = "UPN is missing.";
            return false;
        }

        if (span.Length != Length)
        {
            reason = $"UPN must be {Length} characters (it has {span.Length}).";
            return false;
        }

        Span<char> upper = stackalloc char[Length];
        span.ToUpperInvariant(upper);
        if (LetterValue(upper[0]) < 0)
        {
            reason = "UPN must start with a check letter (A–Z without I, O or S).";
            return false;
        }

        var sum = 0;
        for (var position = 2; position <= 12; position++)
        {
            var c = upper[position - 1];
            if (!char.IsAsciiDigit(c))
            {
                reason = "UPN characters 2 to 12 must be digits.";
                return false;
            }

            sum += (c - '0') * position;
        }

        var last = upper[Length - 1];
        var lastValue = char.IsAsciiDigit(last) ? last - '0' : LetterValue(last);
        if (lastValue < 0)
        {
            reason = "UPN must end with a digit, or for a temporary UPN a letter other than I, O or S.";
            return false;
        }

        sum += lastValue * Length;
        if (Letters[sum % 23] != upper[0])
        {
            reason = "UPN check letter does not match the rest of the number.";
            return false;
        }

        upn = new Upn(new string(upper));
        reason = string.Empty;
        return true;
    }

    /// <summary>The check letter for the 12 characters after it (used by tests and sample data).</summary>
    public static char CheckLetterFor(ReadOnlySpan<char> body)
    {
        if (body.Length != Length - 1)
        {
            throw new ArgumentException($"A UPN body has {Length - 1} characters.", nameof(body));
        }

        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = char.ToUpperInvariant(body[i]);
            var value = char.IsAsciiDigit(c) ? c - '0' : i == body.Length - 1 ? LetterValue(c) : -1;
            if (value < 0)
            {
                throw new ArgumentException("A UPN body is 11 digits and then a digit or a letter.", nameof(body));
            }

            sum += value * (i + 2);
        }

        return Letters[sum % 23];
    }

    private static int LetterValue(char c) => Letters.IndexOf(c, StringComparison.Ordinal);

    public bool Equals(Upn other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Upn other && Equals(other);

    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>A redacted placeholder, never the UPN (see the remarks on <see cref="Upn"/>).</summary>
    public override string ToString() => "UPN(redacted)";

    public static bool operator ==(Upn left, Upn right) => left.Equals(right);

    public static bool operator !=(Upn left, Upn right) => !left.Equals(right);
}
