using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace BackOnTrack.Storage;

/// <summary>
/// The Azure SDK's clients for the hub's account, all built from one <see cref="StorageAccess"/> so they always talk
/// to one account with one identity, and all with the SDK's retry set from the <c>Storage</c> options: the one retry
/// layer for storage.
/// </summary>
public static class StorageSdkClients
{
    /// <summary>
    /// The API version the Blob client sends. Azure.Storage.Blobs 12.30 defaults to 2026-10-06, which Azurite 3.37
    /// refuses (400 InvalidHeaderValue); 2026-06-06 is the newest both Azure and that Azurite accept. Pinned here rather
    /// than switching Azurite's version check off, so what the tests run is what Azure receives.
    /// </summary>
    public const BlobClientOptions.ServiceVersion BlobServiceVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>The API version the Queue client sends: 12.28 defaults to 2026-10-06, which Azurite 3.37 refuses, as for blobs.</summary>
    public const QueueClientOptions.ServiceVersion QueueServiceVersion = QueueClientOptions.ServiceVersion.V2026_06_06;

    /// <param name="transport">Where requests go; tests pass one that trusts Azurite's self-signed certificate.</param>
    public static BlobServiceClient Blobs(StorageAccess access, StorageClientOptions? options = null, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(access);
        var clientOptions = new BlobClientOptions(BlobServiceVersion);
        Configure(clientOptions, options, transport);
        return access.ConnectionString is { } connectionString
            ? new BlobServiceClient(connectionString, clientOptions)
            : new BlobServiceClient(access.BlobEndpoint, access.Credential, clientOptions);
    }

    /// <summary>
    /// The Queue client. Messages are base64 of their UTF-8 text, the Functions host's default encoding, so what the hub
    /// sends the host's queue triggers read, and what the host (or Event Grid) sends the hub reads.
    /// </summary>
    public static QueueServiceClient Queues(StorageAccess access, StorageClientOptions? options = null, HttpPipelineTransport? transport = null) =>
        Queues(access, QueueMessageEncoding.Base64, options, transport);

    /// <summary>A Queue client that reads and writes message bodies exactly as they are, whatever encoding their sender used.</summary>
    public static QueueServiceClient RawQueues(StorageAccess access, StorageClientOptions? options = null, HttpPipelineTransport? transport = null) =>
        Queues(access, QueueMessageEncoding.None, options, transport);

    /// <summary>A Queue client with options of the caller's (the local host reads queues both as base64 and as they are).</summary>
    public static QueueServiceClient Queues(StorageAccess access, QueueClientOptions clientOptions)
    {
        ArgumentNullException.ThrowIfNull(access);
        return access.ConnectionString is { } connectionString
            ? new QueueServiceClient(connectionString, clientOptions)
            : new QueueServiceClient(access.QueueEndpoint, access.Credential, clientOptions);
    }

    /// <summary>
    /// The Table client. Azure.Data.Tables 12.13 sends <c>x-ms-version: 2020-12-06</c>, which Azure and Azurite 3.37 both
    /// accept, so its version is left at the SDK's default.
    /// </summary>
    public static TableServiceClient Tables(StorageAccess access, StorageClientOptions? options = null, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(access);
        var clientOptions = new TableClientOptions();
        Configure(clientOptions, options, transport);
        return access.ConnectionString is { } connectionString
            ? new TableServiceClient(connectionString, clientOptions)
            : new TableServiceClient(access.TableEndpoint, access.Credential, clientOptions);
    }

    private static QueueServiceClient Queues(StorageAccess access, QueueMessageEncoding encoding, StorageClientOptions? options, HttpPipelineTransport? transport)
    {
        var clientOptions = new QueueClientOptions(QueueServiceVersion) { MessageEncoding = encoding };
        Configure(clientOptions, options, transport);
        return Queues(access, clientOptions);
    }

    private static void Configure(ClientOptions clientOptions, StorageClientOptions? options, HttpPipelineTransport? transport)
    {
        options ??= new StorageClientOptions();
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
