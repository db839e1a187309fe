using System.Security.Cryptography;
using System.Text;

namespace BackOnTrack.Core.Schools;

/// <summary>
/// A school's key for the hub's HTTP functions (header <c>X-School-Key</c>): <c>{keyId}.{secret}</c>, the id naming which
/// of the school's keys it is (so one can be revoked alone) and the secret 32 random bytes. Only the secret's SHA-256
/// is stored: a stolen table gives no usable key, and a random 256-bit secret needs no slow hash.
/// </summary>
public sealed record SchoolKey(string KeyId, string Secret)
{
    private const int SecretBytes = 32;

    /// <summary>A new key, from the operating system's random number generator.</summary>
    public static SchoolKey Issue() =>
        new(Base64Url(RandomNumberGenerator.GetBytes(6)), Base64Url(RandomNumberGenerator.GetBytes(SecretBytes)));

    /// <summary>Reads a presented key; false for anything not shaped like one (never an exception).</summary>
    public static bool TryParse(string? text, out SchoolKey key)
    {
        key = null!;
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (text is null || dot <= 0 || dot == text.Length - 1 || text.Length > 200)
        {
            return false;
        }

        var (id, secret) = (text[..dot], text[(dot + 1)..]);
        if (!id.All(IsBase64UrlChar) || !secret.All(IsBase64UrlChar))
        {
            return false;
        }

        key = new SchoolKey(id, secret);
        return true;
    }

    /// <summary>What is stored: lowercase hex SHA-256 of the secret.</summary>
    public string SecretHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(Secret)));

    /// <summary>True when this key's secret has <paramref name="storedHash"/>, compared in constant time.</summary>
    public bool Matches(string? storedHash) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SecretHash), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>The text handed to the school, once.</summary>
    public override string ToString() => $"{KeyId}.{Secret}";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
