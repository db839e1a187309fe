using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.Storage;

/// <summary>
/// Creates every container, queue and table the hub uses, idempotently, when the app starts. It runs in the
/// background so the worker answers the Functions host's readiness probe at once; work waits on <see cref="Ready"/>.
/// </summary>
public sealed partial class StorageProvisioning(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables, ILogger<StorageProvisioning> logger) : IHostedService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when everything exists; faults if creation failed after the SDK's retries.</summary>
    public Task Ready => _ready.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => ProvisionAsync(CancellationToken.None), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates what is missing; returns how many were created.</summary>
    public static async Task<int> EnsureCreatedAsync(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(tables);
        var created = await Task.WhenAll(
            HubStorageNames.Containers.All.Select(async c => await blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false) is not null)
                .Concat(HubStorageNames.Queues.All.Select(async q => await queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false) is not null))
                .Concat(HubStorageNames.Tables.All.Select(async t => (await tables.CreateTableIfNotExistsAsync(t, cancellationToken).ConfigureAwait(false)).GetRawResponse().Status != 409))).ConfigureAwait(false);
        return created.Count(c => c);
    }

    /// <summary>Creates what is missing in the account <paramref name="access"/> names (the operator's tool, tests).</summary>
    public static Task<int> EnsureCreatedAsync(StorageAccess access, CancellationToken cancellationToken) =>
        EnsureCreatedAsync(StorageSdkClients.Blobs(access), StorageSdkClients.Queues(access), StorageSdkClients.Tables(access), cancellationToken);

    private async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await EnsureCreatedAsync(blobs, queues, tables, cancellationToken).ConfigureAwait(false);
            LogProvisioned(logger, created);
            await EnsureDevelopmentCorsAsync(cancellationToken).ConfigureAwait(false);
            _ready.TrySetResult();
        }
#pragma warning disable CA1031 // Any failure must reach the waiting invocations, which report it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogProvisioningFailed(logger, ex);
            _ready.TrySetException(ex);
        }
    }

    /// <summary>
    /// The school portal PUTs files from the browser straight to Blob storage, so the blob service must allow the
    /// portal's origin. In Azure, infra/ sets the rule for the Function App's address; on Azurite (the development
    /// account, local only) the portal's origin is 127.0.0.1 on whatever port, so any origin may PUT there.
    /// </summary>
    public static BlobCorsRule DevelopmentPortalCors() => new()
    {
        AllowedOrigins = "*",
        AllowedMethods = "PUT,OPTIONS",
        AllowedHeaders = "content-type,x-ms-blob-type,x-ms-version,x-ms-client-request-id",
        ExposedHeaders = "x-ms-request-id,etag",
        MaxAgeInSeconds = 3600,
    };

    private async Task EnsureDevelopmentCorsAsync(CancellationToken cancellationToken)
    {
        if (blobs.AccountName != StorageAccess.DevelopmentAccountName)
        {
            return;
        }

        try
        {
            // Read, change, write back: Azurite answers 400 to properties sent without their logging and metrics.
            var properties = (await blobs.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value;
            properties.Cors = [DevelopmentPortalCors()];
            await blobs.SetPropertiesAsync(properties, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Only the portal's uploads need it: the rest of the hub works without, so a failure is a warning.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCorsFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the Blob CORS rule the school portal's uploads need on the development storage")]
    private static partial void LogCorsFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready: created {Created} missing containers, queues and tables")]
    private static partial void LogProvisioned(ILogger logger, int created);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create the hub's containers, queues and tables")]
    private static partial void LogProvisioningFailed(ILogger logger, Exception exception);
}
