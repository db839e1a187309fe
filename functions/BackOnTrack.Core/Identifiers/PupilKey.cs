namespace BackOnTrack.Core.Identifiers;

/// <summary>
/// The pseudonym that stands for a pupil in every table: the first 32 lowercase hex characters of
/// HMAC-SHA256(UPN) under the hub's pseudonymisation key (docs/architecture.md §Storage). Built by <see cref="Pseudonymiser"/>.
/// </summary>
public readonly record struct PupilKey
{
    public const int Length = 32;

    internal PupilKey(string value) => Value = value;

    /// <summary>32 lowercase hex characters.</summary>
    public string Value { get; }

    /// <summary>Reads a stored or printed pupil key: 32 hex characters (any case; stored lowercase).</summary>
    public static bool TryParse(string? text, out PupilKey key)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == Length && trimmed.All(char.IsAsciiHexDigit))
        {
            key = new PupilKey(trimmed.ToLowerInvariant());
            return true;
        }

        key = default;
        return false;
    }

    public override string ToString() => Value;
}
