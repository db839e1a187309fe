namespace BackOnTrack.Application.Configuration;

/// <summary>The hub's own settings (section <c>Hub</c>).</summary>
public sealed class HubOptions
{
    public const string SectionName = "Hub";

    /// <summary>Base64 of the key pupil keys are derived from (HMAC-SHA256 of the UPN); at least 32 bytes. A secret.</summary>
    public string PseudonymisationKey { get; set; } = "";

    /// <summary>
    /// The keys used before earlier rotations, oldest first, as base64 joined by commas; empty until the first
    /// <c>rekey</c>. Pupil keys chain through them (README, "Re-keying pupils"). Secrets.
    /// </summary>
    public string PreviousPseudonymisationKeys { get; set; } = "";

    /// <summary>The key the <c>rekey</c> verb moves the tables to (base64, at least 32 bytes); read by nothing else. A secret.</summary>
    public string NextPseudonymisationKey { get; set; } = "";

    /// <summary>
    /// The home LA as DfE names it (e.g. <c>Rotherham</c>), matched ignoring case and punctuation: its Benchmarks rows
    /// carry its ranks among LAs.
    /// </summary>
    public string LocalAuthority { get; set; } = "Rotherham";

    /// <summary>The home LA's region as DfE names it (e.g. <c>Yorkshire and the Humber</c>), matched the same way.</summary>
    public string Region { get; set; } = "Yorkshire and the Humber";

    /// <summary>
    /// A date (yyyy-MM-dd) the hub runs as if it were today, for demos and tests; empty for the real date. A setting, not
    /// an argument, because the worker is a process of its own: the CLI's <c>--as-of</c> reaches it this way.
    /// </summary>
    public string AsOf { get; set; } = "";

    /// <summary>The as-of date, when one is set; valid once the options have passed validation.</summary>
    public DateOnly? AsOfDate() => ParseAsOf(AsOf, out var date) ? date : null;

    internal static bool IsValidAsOf(string? value) => string.IsNullOrWhiteSpace(value) || ParseAsOf(value, out _);

    private static bool ParseAsOf(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);

    /// <summary>The decoded key; valid once the options have passed validation.</summary>
    public byte[] PseudonymisationKeyBytes() => Convert.FromBase64String(PseudonymisationKey);

    /// <summary>The earlier keys, decoded, oldest first.</summary>
    public IReadOnlyList<byte[]> PreviousPseudonymisationKeyBytes() =>
        [.. PreviousKeyTexts(PreviousPseudonymisationKeys).Select(Convert.FromBase64String)];

    /// <summary>The whole chain, oldest first, ending with the current key.</summary>
    public IReadOnlyList<byte[]> PseudonymisationKeyChain() => [.. PreviousPseudonymisationKeyBytes(), PseudonymisationKeyBytes()];

    internal static bool AreValidPreviousKeys(string? value) => PreviousKeyTexts(value).All(k => IsValidKey(k));

    /// <summary>The earlier keys; <c>none</c> says there are none (a Key Vault secret cannot be empty).</summary>
    private static string[] PreviousKeyTexts(string? value) =>
        string.Equals(value?.Trim(), "none", StringComparison.OrdinalIgnoreCase)
            ? []
            : (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static bool IsValidKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length >= 32;
    }
}
