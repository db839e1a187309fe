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

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready: created {Created} missing containers, queues and tables")]
    private static partial void LogProvisioned(ILogger logger, int created);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create the hub's containers, queues and tables")]
    private static partial void LogProvisioningFailed(ILogger logger, Exception exception);
}
