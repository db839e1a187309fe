namespace BackOnTrack.Functions.Configuration;

/// <summary>The hub's own settings (section <c>Hub</c>).</summary>
public sealed class HubOptions
{
    public const string SectionName = "Hub";

    /// <summary>Base64 of the key pupil keys are derived from (HMAC-SHA256 of the UPN); at least 32 bytes. A secret.</summary>
    public string PseudonymisationKey { get; set; } = "";

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
