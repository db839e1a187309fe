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
public sealed partial class PoisonReplayUseCase(StorageAccount account, ILogger<PoisonReplayUseCase> logger)
{
    private static readonly TimeSpan Hidden = TimeSpan.FromMinutes(5);

    /// <param name="queue">One trigger queue (its poison twin's name is accepted too), or null for all of them.</param>
    /// <exception cref="ArgumentException">The queue is not one of the hub's trigger queues.</exception>
    public async Task<IReadOnlyList<PoisonReplayed>> ReplayAsync(string? queue, CancellationToken cancellationToken)
    {
        var queues = queue is null ? HubStorageNames.Queues.Triggers : [TriggerQueue(queue)];
        var results = new List<PoisonReplayed>();
        foreach (var trigger in queues)
        {
            var moved = await ReplayQueueAsync(trigger, cancellationToken).ConfigureAwait(false);
            LogReplayed(logger, trigger, moved);
            results.Add(new PoisonReplayed(trigger, moved));
        }

        return results;
    }

    private async Task<int> ReplayQueueAsync(string trigger, CancellationToken cancellationToken)
    {
        var poison = HubStorageNames.Queues.PoisonOf(trigger);
        var budget = await account.Queues.GetApproximateMessageCountAsync(poison, cancellationToken).ConfigureAwait(false);
        var moved = 0;
        while (moved < budget)
        {
            var batch = await account.Queues.ReceiveMessagesAsync(poison, Math.Clamp(budget - moved, 1, 32), Hidden, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                await account.Queues.SendMessageAsync(trigger, message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
                await account.Queues.DeleteMessageAsync(poison, message.MessageId, message.PopReceipt!, cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }

        return moved;
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
