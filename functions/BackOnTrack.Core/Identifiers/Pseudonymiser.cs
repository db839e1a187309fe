using System.Security.Cryptography;
using System.Text;

namespace BackOnTrack.Core.Identifiers;

/// <summary>
/// Turns UPNs into <see cref="PupilKey"/>s with one reusable HMAC-SHA256 instance, so hashing a million rows allocates
/// only the resulting keys. Not thread-safe: use one per file being read.
/// </summary>
public sealed class Pseudonymiser : IDisposable
{
    /// <summary>DESIGN §3: the key is at least 32 bytes (the HMAC-SHA256 block size would allow more, never less).</summary>
    public const int MinimumKeyBytes = 32;

    private readonly HMACSHA256 _hmac;

    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumKeyBytes"/>.</exception>
    public Pseudonymiser(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The pseudonymisation key must be at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        _hmac = new HMACSHA256(key.ToArray());
    }

    /// <summary>The pupil key for a UPN (already trimmed and upper-cased by <see cref="Upn"/>).</summary>
    public PupilKey KeyFor(Upn upn)
    {
        Span<byte> text = stackalloc byte[Upn.Length];
        var length = Encoding.ASCII.GetBytes(upn.Value, text);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        _hmac.TryComputeHash(text[..length], hash, out _);
        return new PupilKey(Convert.ToHexStringLower(hash[..(PupilKey.Length / 2)]));
    }

    public void Dispose() => _hmac.Dispose();
}
