using System.Security.Cryptography;
using System.Text;

namespace BackOnTrack.Core.Identifiers;

/// <summary>
/// Turns UPNs into <see cref="PupilKey"/>s with reusable HMAC-SHA256 instances, so hashing a million rows allocates
/// only the resulting keys. Not thread-safe: use one per file being read.
/// </summary>
/// <remarks>
/// After a key rotation (README, "Re-keying pupils") the hub holds a chain of keys: the pupil key is HMAC of the UPN
/// under the first key, then HMAC of that key's 32 hex characters under each later key in turn. The hub cannot invert
/// HMAC and keeps no UPNs, so this is the only way stored keys and new drops keep pointing at the same pupils.
/// </remarks>
public sealed class Pseudonymiser : IDisposable
{
    /// <summary>docs/architecture.md §Storage: the key is at least 32 bytes (the HMAC-SHA256 block size would allow more, never less).</summary>
    public const int MinimumKeyBytes = 32;

    private readonly HMACSHA256 _first;
    private readonly HMACSHA256[] _later;

    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumKeyBytes"/>.</exception>
    public Pseudonymiser(ReadOnlySpan<byte> key)
        : this([key.ToArray()])
    {
    }

    /// <param name="keys">The key chain, oldest first; the last is the current key.</param>
    /// <exception cref="ArgumentException">No key, or a key shorter than <see cref="MinimumKeyBytes"/>.</exception>
    public Pseudonymiser(IReadOnlyList<byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0 || keys.Any(k => k.Length < MinimumKeyBytes))
        {
            throw new ArgumentException($"The pseudonymisation key must be at least {MinimumKeyBytes} bytes.", nameof(keys));
        }

        _first = new HMACSHA256(keys[0]);
        _later = [.. keys.Skip(1).Select(k => new HMACSHA256(k))];
    }

    /// <summary>The pupil key for a UPN (already trimmed and upper-cased by <see cref="Upn"/>).</summary>
    public PupilKey KeyFor(Upn upn)
    {
        Span<byte> text = stackalloc byte[Upn.Length];
        var length = Encoding.ASCII.GetBytes(upn.Value, text);
        var key = Hash(_first, text[..length]);
        foreach (var layer in _later)
        {
            key = Layer(layer, key);
        }

        return key;
    }

    /// <summary>One more layer over a stored key: HMAC of its 32 hex characters under <paramref name="hmac"/>'s key.</summary>
    public static PupilKey Layer(HMACSHA256 hmac, PupilKey key)
    {
        ArgumentNullException.ThrowIfNull(hmac);
        Span<byte> text = stackalloc byte[PupilKey.Length];
        Encoding.ASCII.GetBytes(key.Value, text);
        return Hash(hmac, text);
    }

    public void Dispose()
    {
        _first.Dispose();
        foreach (var layer in _later)
        {
            layer.Dispose();
        }
    }

    private static PupilKey Hash(HMACSHA256 hmac, ReadOnlySpan<byte> text)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hmac.TryComputeHash(text, hash, out _);
        return new PupilKey(Convert.ToHexStringLower(hash[..(PupilKey.Length / 2)]));
    }
}
