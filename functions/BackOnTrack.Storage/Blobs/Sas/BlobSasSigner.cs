using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BackOnTrack.Storage.Blobs.Sas;

/// <summary>
/// What a blob SAS may do: <c>c</c> create a new blob (never overwrite one), <c>w</c> write (create or overwrite).
/// Only these are ever issued; read, list and delete never are.
/// </summary>
public enum BlobSasAccess
{
    Create,
    Write,
}

/// <summary>
/// A user delegation key (Get User Delegation Key): signs user delegation SAS where the account's Shared Key is off.
/// </summary>
public sealed record UserDelegationKey(
    string SignedObjectId, string SignedTenantId, DateTimeOffset SignedStartsOn, DateTimeOffset SignedExpiresOn, string SignedService, string SignedVersion, string Value);

/// <summary>
/// Signs SAS tokens for one blob (<c>sr=b</c>), at signed version <see cref="SignedVersion"/>, the string-to-sign laid
/// out as that version defines it: a service SAS with the account key, or a user delegation SAS with a key obtained
/// through Entra ID. No start time is set, so clock skew cannot make a fresh SAS not yet valid; only HTTPS is allowed
/// except against a loopback (Azurite) endpoint.
/// </summary>
public static class BlobSasSigner
{
    public const string SignedVersion = "2020-12-06";

    /// <summary>A service SAS's query string (without <c>?</c>), signed with the account key.</summary>
    public static string ServiceSas(Uri blobUri, string accountName, byte[] accountKey, string container, string blobName, BlobSasAccess permission, DateTimeOffset expiresOn)
    {
        ArgumentNullException.ThrowIfNull(blobUri);
        var fields = Fields(blobUri, accountName, container, blobName, permission, expiresOn);
        var stringToSign = ServiceStringToSign(fields);
        return Query(fields, Sign(accountKey, stringToSign), delegation: null);
    }

    /// <summary>A user delegation SAS's query string (without <c>?</c>), signed with the delegation key.</summary>
    public static string UserDelegationSas(Uri blobUri, string accountName, UserDelegationKey key, string container, string blobName, BlobSasAccess permission, DateTimeOffset expiresOn)
    {
        ArgumentNullException.ThrowIfNull(blobUri);
        ArgumentNullException.ThrowIfNull(key);
        if (expiresOn > key.SignedExpiresOn)
        {
            throw new ArgumentException("A user delegation SAS cannot outlive its delegation key.", nameof(expiresOn));
        }

        var fields = Fields(blobUri, accountName, container, blobName, permission, expiresOn);
        var stringToSign = UserDelegationStringToSign(fields, key);
        return Query(fields, Sign(Convert.FromBase64String(key.Value), stringToSign), key);
    }

    /// <summary>Service SAS, signed version 2020-12-06 and later.</summary>
    internal static string ServiceStringToSign(SasFields f) => string.Join('\n',
        f.Permissions, "", f.Expiry, f.CanonicalResource,
        "", // signedIdentifier (no stored access policy)
        "", // signedIP
        f.Protocol, SignedVersion, "b",
        "", // signedSnapshotTime
        "", // signedEncryptionScope
        "", "", "", "", ""); // rscc, rscd, rsce, rscl, rsct

    /// <summary>User delegation SAS, signed version 2020-12-06 and later (before 2025-07-05's delegated-user fields).</summary>
    internal static string UserDelegationStringToSign(SasFields f, UserDelegationKey key) => string.Join('\n',
        f.Permissions, "", f.Expiry, f.CanonicalResource,
        key.SignedObjectId, key.SignedTenantId, Time(key.SignedStartsOn), Time(key.SignedExpiresOn), key.SignedService, key.SignedVersion,
        "", // signedAuthorizedUserObjectId
        "", // signedUnauthorizedUserObjectId
        "", // signedCorrelationId
        "", // signedIP
        f.Protocol, SignedVersion, "b",
        "", // signedSnapshotTime
        "", // signedEncryptionScope
        "", "", "", "", ""); // rscc, rscd, rsce, rscl, rsct

    internal sealed record SasFields(string Permissions, string Expiry, string CanonicalResource, string Protocol);

    internal static SasFields Fields(Uri blobUri, string accountName, string container, string blobName, BlobSasAccess permission, DateTimeOffset expiresOn) =>
        new(
            permission == BlobSasAccess.Create ? "c" : "w",
            Time(expiresOn),
            $"/blob/{accountName}/{container}/{blobName}",
            blobUri.IsLoopback ? "https,http" : "https");

    private static string Sign(byte[] key, string stringToSign) => Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    private static string Query(SasFields f, string signature, UserDelegationKey? delegation)
    {
        var parameters = new List<(string Name, string Value)> { ("sv", SignedVersion), ("spr", f.Protocol), ("se", f.Expiry), ("sr", "b"), ("sp", f.Permissions) };
        if (delegation is not null)
        {
            parameters.AddRange(
            [
                ("skoid", delegation.SignedObjectId), ("sktid", delegation.SignedTenantId), ("skt", Time(delegation.SignedStartsOn)),
                ("ske", Time(delegation.SignedExpiresOn)), ("sks", delegation.SignedService), ("skv", delegation.SignedVersion),
            ]);
        }

        parameters.Add(("sig", signature));
        return string.Join('&', parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <summary>ISO 8601 UTC to the second, as SAS fields are written.</summary>
    internal static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
