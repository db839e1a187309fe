using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace BackOnTrack.Storage;

/// <summary>
/// The Azure SDK's clients for the hub's account, built from the same <see cref="StorageConnection"/> as the rest of
/// the storage code so both always talk to one account with one identity.
/// </summary>
public static class StorageSdkClients
{
    /// <summary>
    /// The API version the Blob client sends. Azure.Storage.Blobs 12.30 defaults to 2026-10-06, which Azurite 3.37
    /// refuses (400 InvalidHeaderValue); 2026-06-06 is the newest both Azure and that Azurite accept. Pinned here rather
    /// than switching Azurite's version check off, so what the tests run is what Azure receives.
    /// </summary>
    public const BlobClientOptions.ServiceVersion BlobServiceVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    /// <param name="transport">Where requests go; tests pass one that trusts Azurite's self-signed certificate.</param>
    public static BlobServiceClient Blobs(StorageConnection connection, StorageClientOptions? options = null, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var clientOptions = new BlobClientOptions(BlobServiceVersion);
        Configure(clientOptions, options ?? new StorageClientOptions(), transport);

        return connection switch
        {
            { AccountKey: { } key } => new BlobServiceClient(connection.BlobEndpoint, new StorageSharedKeyCredential(connection.AccountName, Convert.ToBase64String(key)), clientOptions),
            { TokenCredential: { } credential } => new BlobServiceClient(connection.BlobEndpoint, credential, clientOptions),
            _ => throw new ArgumentException("The storage connection has neither an account key nor a token credential.", nameof(connection)),
        };
    }

    /// <summary>The API version the Queue client sends: 12.28 defaults to 2026-10-06, which Azurite 3.37 refuses, as for blobs.</summary>
    public const QueueClientOptions.ServiceVersion QueueServiceVersion = QueueClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>
    /// The Queue client. Messages are base64 of their UTF-8 text, the Functions host's default encoding, so what the hub
    /// sends the host's queue triggers read, and what the host (or Event Grid) sends the hub reads.
    /// </summary>
    /// <param name="transport">Where requests go; tests pass one that trusts Azurite's self-signed certificate.</param>
    public static QueueServiceClient Queues(StorageConnection connection, StorageClientOptions? options = null, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var clientOptions = new QueueClientOptions(QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 };
        Configure(clientOptions, options ?? new StorageClientOptions(), transport);
        return Queues(connection, clientOptions);
    }

    /// <summary>A Queue client with options of the caller's (the local host reads queues both as base64 and as they are).</summary>
    public static QueueServiceClient Queues(StorageConnection connection, QueueClientOptions clientOptions)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection switch
        {
            { AccountKey: { } key } => new QueueServiceClient(connection.QueueEndpoint, new StorageSharedKeyCredential(connection.AccountName, Convert.ToBase64String(key)), clientOptions),
            { TokenCredential: { } credential } => new QueueServiceClient(connection.QueueEndpoint, credential, clientOptions),
            _ => throw new ArgumentException("The storage connection has neither an account key nor a token credential.", nameof(connection)),
        };
    }

    /// <summary>
    /// The Table client. Azure.Data.Tables 12.13 sends <c>x-ms-version: 2020-12-06</c>, which Azure and Azurite 3.37 both
    /// accept, so its version is left at the SDK's default.
    /// </summary>
    /// <param name="transport">Where requests go; tests pass one that trusts Azurite's self-signed certificate.</param>
    public static TableServiceClient Tables(StorageConnection connection, StorageClientOptions? options = null, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var clientOptions = new TableClientOptions();
        Configure(clientOptions, options ?? new StorageClientOptions(), transport);

        return connection switch
        {
            { AccountKey: { } key } => new TableServiceClient(connection.TableEndpoint, new TableSharedKeyCredential(connection.AccountName, Convert.ToBase64String(key)), clientOptions),
            { TokenCredential: { } credential } => new TableServiceClient(connection.TableEndpoint, credential, clientOptions),
            _ => throw new ArgumentException("The storage connection has neither an account key nor a token credential.", nameof(connection)),
        };
    }

    // The SDK's retry is the retry layer of every SDK client, set from the one Storage options section.
    private static void Configure(ClientOptions clientOptions, StorageClientOptions options, HttpPipelineTransport? transport)
    {
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }
    }
}
