using BackOnTrack.Storage.Blobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.Storage;

/// <summary>
/// Creates every container, queue and table the hub uses, idempotently, when the app starts. It runs in the
/// background so the handler answers the Functions host's readiness probe at once; work waits on <see cref="Ready"/>.
/// </summary>
public sealed partial class StorageProvisioning(StorageAccount account, ILogger<StorageProvisioning> logger) : IHostedService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when everything exists; faults if creation failed after the pipeline's retries.</summary>
    public Task Ready => _ready.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => ProvisionAsync(CancellationToken.None), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates what is missing; returns how many were created.</summary>
    public static async Task<int> EnsureCreatedAsync(StorageAccount account, CancellationToken cancellationToken)
    {
        var created = await Task.WhenAll(
            HubStorageNames.Containers.All.Select(c => account.Blobs.CreateContainerIfNotExistsAsync(c, cancellationToken))
                .Concat(HubStorageNames.Queues.All.Select(q => account.Queues.CreateQueueIfNotExistsAsync(q, cancellationToken)))
                .Concat(HubStorageNames.Tables.All.Select(t => account.Tables.CreateTableIfNotExistsAsync(t, cancellationToken)))).ConfigureAwait(false);
        return created.Count(c => c);
    }

    private async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await EnsureCreatedAsync(account, cancellationToken).ConfigureAwait(false);
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
    public static readonly BlobCorsRule DevelopmentPortalCors = new(
        ["*"], ["PUT", "OPTIONS"], ["content-type", "x-ms-blob-type", "x-ms-version", "x-ms-client-request-id"], ["x-ms-request-id", "etag"], 3600);

    private async Task EnsureDevelopmentCorsAsync(CancellationToken cancellationToken)
    {
        if (account.AccountName != StorageConnection.DevelopmentAccountName)
        {
            return;
        }

        try
        {
            await account.Blobs.SetCorsRulesAsync([DevelopmentPortalCors], cancellationToken).ConfigureAwait(false);
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
