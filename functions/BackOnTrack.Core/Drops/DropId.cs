using System.Security.Cryptography;

namespace BackOnTrack.Core.Drops;

/// <summary>A drop's id: the lowercase hex SHA-256 of its content, so the same content always has the same id.</summary>
public static class DropId
{
    public static async Task<string> ComputeAsync(Stream content, CancellationToken cancellationToken)
    {
        var hash = await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The short form marking which drop wrote an attendance session (48 bits: collisions within one school are negligible).</summary>
    public static string ShortForm(string dropId) => dropId[..12];
}
