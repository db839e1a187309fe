using BackOnTrack.Storage.Blobs;
using BackOnTrack.Storage.Pipeline;
using BackOnTrack.Storage.Queues;
using BackOnTrack.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.Storage;

/// <summary>The Blob, Queue and Table clients of one storage account, sharing one HTTP connection pool.</summary>
public sealed class StorageAccount : IDisposable
{
    private readonly HttpClient _http;

    private StorageAccount(HttpClient http, BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables, string accountName, Azure.Data.Tables.TableServiceClient sdkTables)
    {
        SdkTables = sdkTables;
        _http = http;
        Blobs = blobs;
        Queues = queues;
        Tables = tables;
        AccountName = accountName;
    }

    public string AccountName { get; }
    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }
    public TableServiceClient Tables { get; }

    /// <summary>The SDK's Table client of the same account (what the stores already moved to the SDK take).</summary>
    public Azure.Data.Tables.TableServiceClient SdkTables { get; }

    /// <param name="transport">The HTTP handler requests go through; tests substitute one to script responses.</param>
    public static StorageAccount Create(
        StorageConnection connection,
        StorageClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        HttpMessageHandler? transport = null,
        Azure.Data.Tables.TableServiceClient? sdkTables = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new StorageClientOptions();
        timeProvider ??= TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("BackOnTrack.Storage");
        var http = new HttpClient(transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.NetworkTimeout,
        };

        StoragePipeline Pipeline(SharedKeyFlavour flavour) => new(http, Authenticator(connection, flavour, timeProvider), options, timeProvider, logger);

        return new StorageAccount(
            http,
            new BlobServiceClient(connection.BlobEndpoint, Pipeline(SharedKeyFlavour.BlobOrQueue), timeProvider),
            new QueueServiceClient(connection.QueueEndpoint, Pipeline(SharedKeyFlavour.BlobOrQueue)),
            new TableServiceClient(connection.TableEndpoint, Pipeline(SharedKeyFlavour.Table)),
            connection.AccountName,
            sdkTables ?? new Azure.Data.Tables.TableServiceClient(
                connection.TableEndpoint, new Azure.Data.Tables.TableSharedKeyCredential(connection.AccountName, Convert.ToBase64String(connection.AccountKey!))));
    }

    public void Dispose() => _http.Dispose();

    private static IStorageAuthenticator Authenticator(StorageConnection connection, SharedKeyFlavour flavour, TimeProvider timeProvider) =>
        connection switch
        {
            { AccountKey: { } key } => new SharedKeyAuthenticator(connection.AccountName, key, flavour),
            { TokenCredential: { } credential } => new BearerTokenAuthenticator(credential, timeProvider),
            _ => throw new ArgumentException("The storage connection has neither an account key nor a token credential.", nameof(connection)),
        };
}
