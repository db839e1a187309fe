namespace BackOnTrack.Functions.Configuration;

/// <summary>The hub's own settings (section <c>Hub</c>).</summary>
public sealed class HubOptions
{
    public const string SectionName = "Hub";

    /// <summary>Base64 of the key pupil keys are derived from (HMAC-SHA256 of the UPN); at least 32 bytes. A secret.</summary>
    public string PseudonymisationKey { get; set; } = "";

    /// <summary>
    /// The home LA as DfE names it (e.g. <c>Rotherham</c>), matched ignoring case and punctuation: its Benchmarks rows
    /// carry its ranks among LAs.
    /// </summary>
    public string LocalAuthority { get; set; } = "Rotherham";

    /// <summary>The home LA's region as DfE names it (e.g. <c>Yorkshire and the Humber</c>), matched the same way.</summary>
    public string Region { get; set; } = "Yorkshire and the Humber";

    /// <summary>The decoded key; valid once the options have passed validation.</summary>
    public byte[] PseudonymisationKeyBytes() => Convert.FromBase64String(PseudonymisationKey);

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
