using System.Text.Json.Serialization;
using BackOnTrack.Core.Ports;
using BackOnTrack.Storage;

namespace BackOnTrack.Application;

/// <summary>The hub's health: whether each storage service answers, and how deep the trigger and poison queues are.</summary>
public sealed record HealthReport(string Status, DateTimeOffset CheckedAt, StorageHealth Storage, IReadOnlyList<QueueHealth> Queues)
{
    [JsonIgnore]
    public bool Healthy => Storage.Reachable;
}

public sealed record StorageHealth(bool Reachable, string Account, string? Error);

public sealed record QueueHealth(string Name, int Depth, int Poison);

public sealed class HubHealth(IStorageProbe storage, TimeProvider timeProvider)
{
    /// <summary>Storage slower than this counts as unreachable: a health probe must answer promptly.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var probe = await storage.ProbeAsync(HubStorageNames.Queues.Triggers, Budget, cancellationToken).ConfigureAwait(false);
        var queues = probe.Queues.Select(q => new QueueHealth(q.Queue, q.Waiting, q.Poisoned)).ToList();
        var status = !probe.Reachable ? "Unhealthy" : queues.Any(q => q.Poison > 0) ? "Degraded" : "Healthy";
        return new HealthReport(status, timeProvider.GetUtcNow(), new StorageHealth(probe.Reachable, probe.Account, probe.Error), queues);
    }
}
