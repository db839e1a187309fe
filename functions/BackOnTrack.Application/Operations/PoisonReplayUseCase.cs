using BackOnTrack.Core.Ports;
using BackOnTrack.Storage;

namespace BackOnTrack.Application.Operations;

/// <summary>How many messages went back from one poison queue to its trigger queue.</summary>
public sealed record PoisonReplayed(string Queue, int Moved);

/// <summary>
/// Moves every message in <c>{queue}-poison</c> back to <c>{queue}</c> once the cause is fixed: each is sent again
/// (same body) before it is deleted from the poison queue, so a crash in between can only deliver it twice, which
/// every function tolerates. A second run finds nothing to move. The replay moves at most as many messages as the poison
/// queue held when it began, so a message poisoned again meanwhile waits for the next replay rather than looping.
/// </summary>
public sealed partial class PoisonReplayUseCase(IPoisonQueues poisonQueues, ILogger<PoisonReplayUseCase> logger)
{
    /// <param name="queue">One trigger queue (its poison twin's name is accepted too), or null for all of them.</param>
    /// <exception cref="ArgumentException">The queue is not one of the hub's trigger queues.</exception>
    public async Task<IReadOnlyList<PoisonReplayed>> ReplayAsync(string? queue, CancellationToken cancellationToken)
    {
        var queues = queue is null ? HubStorageNames.Queues.Triggers : [TriggerQueue(queue)];
        var results = new List<PoisonReplayed>();
        foreach (var trigger in queues)
        {
            var moved = await poisonQueues.ReplayAsync(trigger, cancellationToken).ConfigureAwait(false);
            LogReplayed(logger, trigger, moved);
            results.Add(new PoisonReplayed(trigger, moved));
        }

        return results;
    }

    private static string TriggerQueue(string name)
    {
        var trigger = HubStorageNames.Queues.Triggers.FirstOrDefault(t => name == t || name == HubStorageNames.Queues.PoisonOf(t));
        return trigger ?? throw new ArgumentException(
            $"'{name}' is not one of the hub's queues ({string.Join(", ", HubStorageNames.Queues.Triggers)}).", nameof(name));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Moved} messages from {Queue}-poison to {Queue}")]
    private static partial void LogReplayed(ILogger logger, string queue, int moved);
}
