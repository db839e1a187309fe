using Azure.Core;

namespace BackOnTrack.Storage;

/// <summary>
/// Where the storage account lives and how requests to it are authorised: endpoints for Blob, Queue and Table plus
/// either a Shared Key (connection strings, Azurite) or an Entra ID token credential (managed identity in Azure).
/// </summary>
public sealed record StorageConnection
{
    /// <summary>Azurite's well-known development account and key (public, documented by Microsoft).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public required string AccountName { get; init; }
    public required Uri BlobEndpoint { get; init; }
    public required Uri QueueEndpoint { get; init; }
    public required Uri TableEndpoint { get; init; }

    /// <summary>The account key for Shared Key signing; null when <see cref="TokenCredential"/> is used.</summary>
    public byte[]? AccountKey { get; init; }

    /// <summary>Entra ID credential for bearer tokens; null when <see cref="AccountKey"/> is used.</summary>
    public TokenCredential? TokenCredential { get; init; }

    /// <summary>Builds a connection to an account reached with an Entra ID credential (no keys).</summary>
    public static StorageConnection FromAccountName(string accountName, TokenCredential credential, string endpointSuffix = "core.windows.net")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageConnection
        {
            AccountName = accountName,
            BlobEndpoint = new Uri($"https://{accountName}.blob.{endpointSuffix}"),
            QueueEndpoint = new Uri($"https://{accountName}.queue.{endpointSuffix}"),
            TableEndpoint = new Uri($"https://{accountName}.table.{endpointSuffix}"),
            TokenCredential = credential,
        };
    }

    /// <summary>
    /// Parses a storage connection string: <c>UseDevelopmentStorage=true</c>, an account name and key with an endpoint
    /// suffix, or explicit <c>BlobEndpoint</c>/<c>QueueEndpoint</c>/<c>TableEndpoint</c> entries.
    /// </summary>
    /// <exception cref="FormatException">The string is not a usable storage connection string.</exception>
    public static StorageConnection Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"Connection string segment '{RedactedName(segment)}' is not of the form Name=Value.");
            }

            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var host = parts.TryGetValue("DevelopmentStorageProxyUri", out var proxy) ? new Uri(proxy).Host : "127.0.0.1";
            return new StorageConnection
            {
                AccountName = DevelopmentAccountName,
                AccountKey = Convert.FromBase64String(DevelopmentAccountKey),
                BlobEndpoint = new Uri($"http://{host}:10000/{DevelopmentAccountName}"),
                QueueEndpoint = new Uri($"http://{host}:10001/{DevelopmentAccountName}"),
                TableEndpoint = new Uri($"http://{host}:10002/{DevelopmentAccountName}"),
            };
        }

        if (!parts.TryGetValue("AccountName", out var account) || account.Length == 0)
        {
            throw new FormatException("Connection string has no AccountName (and is not UseDevelopmentStorage=true).");
        }

        if (!parts.TryGetValue("AccountKey", out var key) || key.Length == 0)
        {
            throw new FormatException(
                "Connection string has no AccountKey. For managed identity set AzureWebJobsStorage__accountName instead.");
        }

        byte[] keyBytes;
        try
        {
            keyBytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new FormatException("Connection string's AccountKey is not valid base64.");
        }

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        return new StorageConnection
        {
            AccountName = account,
            AccountKey = keyBytes,
            BlobEndpoint = Endpoint(parts, "BlobEndpoint", protocol, account, "blob", suffix),
            QueueEndpoint = Endpoint(parts, "QueueEndpoint", protocol, account, "queue", suffix),
            TableEndpoint = Endpoint(parts, "TableEndpoint", protocol, account, "table", suffix),
        };
    }

    private static Uri Endpoint(Dictionary<string, string> parts, string name, string protocol, string account, string service, string suffix) =>
        parts.TryGetValue(name, out var explicitEndpoint) && explicitEndpoint.Length > 0
            ? new Uri(explicitEndpoint.TrimEnd('/'))
            : new Uri($"{protocol}://{account}.{service}.{suffix}");

    // Never echo a value: a malformed segment may well be the key itself.
    private static string RedactedName(string segment) => segment.Length > 12 ? segment[..4] + "…" : "…";
}
