namespace BackOnTrack.Core.Ports;

/// <summary>How many messages wait on a trigger queue, and how many its poison twin holds.</summary>
public sealed record QueueDepth(string Queue, int Waiting, int Poisoned);

/// <summary>What the probe found: whether storage answered (if not, why: the service's status and code, or the failure) and the queues' depths.</summary>
public sealed record StorageProbeResult(bool Reachable, string Account, string? Error, IReadOnlyList<QueueDepth> Queues);

/// <summary>The health check's look at storage: each service the hub uses (blobs, queues, tables) with the cheapest read it has.</summary>
public interface IStorageProbe
{
    /// <param name="triggerQueues">The queues whose depths to report, with their poison twins'.</param>
    /// <param name="budget">Storage slower than this counts as unreachable: a health probe must answer promptly.</param>
    /// <param name="cancellationToken">The caller's; its cancellation is not reported as unreachable but thrown.</param>
    Task<StorageProbeResult> ProbeAsync(IReadOnlyList<string> triggerQueues, TimeSpan budget, CancellationToken cancellationToken);
}
