using Azure.Core;
using Azure.Storage.Blobs;

namespace BackOnTrack.Storage;

/// <summary>
/// Which storage account the hub uses and how it signs in: a connection string (an account key, or Azurite's
/// <c>UseDevelopmentStorage=true</c>), which the SDK itself parses; or the account's endpoints with an Entra ID
/// credential (the managed identity in Azure, where Shared Key is off).
/// </summary>
public sealed class StorageAccess
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    private StorageAccess(string accountName, string? connectionString, TokenCredential? credential, Uri? blobEndpoint, Uri? queueEndpoint, Uri? tableEndpoint)
    {
        AccountName = accountName;
        ConnectionString = connectionString;
        Credential = credential;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
    }

    public string AccountName { get; }

    /// <summary>Null when <see cref="Credential"/> signs in.</summary>
    public string? ConnectionString { get; }

    /// <summary>Null when the connection string's key signs in.</summary>
    public TokenCredential? Credential { get; }

    internal Uri? BlobEndpoint { get; }
    internal Uri? QueueEndpoint { get; }
    internal Uri? TableEndpoint { get; }

    /// <exception cref="FormatException">The SDK cannot read it; the message names the problem, never the string's contents.</exception>
    public static StorageAccess FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            // The Blob client parses it as every SDK client does; its account name is what the probe and logs report.
            return new StorageAccess(new BlobServiceClient(connectionString).AccountName, connectionString, null, null, null, null);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"The storage connection string is not usable: {ex.Message.TrimEnd('.')}. For managed identity, set AzureWebJobsStorage__accountName instead.", ex);
        }
    }

    /// <summary>An account in Azure, reached with an Entra ID credential.</summary>
    public static StorageAccess FromAccountName(string accountName, TokenCredential credential, string endpointSuffix = "core.windows.net")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        return FromEndpoints(
            accountName,
            new Uri($"https://{accountName}.blob.{endpointSuffix}"),
            new Uri($"https://{accountName}.queue.{endpointSuffix}"),
            new Uri($"https://{accountName}.table.{endpointSuffix}"),
            credential);
    }

    /// <summary>An account at the given endpoints, reached with an Entra ID credential (an emulator that takes tokens, in tests).</summary>
    public static StorageAccess FromEndpoints(string accountName, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, TokenCredential credential)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        ArgumentNullException.ThrowIfNull(queueEndpoint);
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageAccess(accountName, null, credential, blobEndpoint, queueEndpoint, tableEndpoint);
    }
}
