using System.Text;

namespace BackOnTrack.Core.Text;

/// <summary>Base64 of UTF-8 text, as queue messages carry it.</summary>
public static class Base64Text
{
    /// <summary>The text <paramref name="base64"/> encodes, or null when it is not base64 of valid UTF-8.</summary>
    public static string? TryDecode(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        if (base64.Length == 0 || base64.Length % 4 != 0)
        {
            return null;
        }

        var bytes = new byte[base64.Length * 3 / 4];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
