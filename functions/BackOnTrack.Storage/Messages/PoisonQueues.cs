using BackOnTrack.Core.Ports;
using Azure.Storage.Queues;

namespace BackOnTrack.Storage.Messages;

/// <summary><see cref="IPoisonQueues"/> over the account's trigger queues and their poison twins.</summary>
/// <param name="queues">
/// A client reading and writing bodies as they are (<see cref="StorageSdkClients.RawQueues"/>), so a message that is
/// not base64 (one someone wrote as plain JSON) is read rather than refused, and goes back base64, as the trigger reads it.
/// </param>
public sealed class PoisonQueues(QueueServiceClient queues) : IPoisonQueues
{
    /// <summary>Long enough to resend and delete a batch; a replay that dies leaves the rest to reappear for the next.</summary>
    private static readonly TimeSpan Hidden = TimeSpan.FromMinutes(5);

    public async Task<int> ReplayAsync(string triggerQueue, CancellationToken cancellationToken)
    {
        var trigger = queues.GetQueueClient(triggerQueue);
        var poison = queues.GetQueueClient(HubStorageNames.Queues.PoisonOf(triggerQueue));
        var budget = (await poison.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        var moved = 0;
        while (moved < budget)
        {
            var batch = (await poison.ReceiveMessagesAsync(Math.Clamp(budget - moved, 1, 32), Hidden, cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                await trigger.SendMessageAsync(AsBase64(message.MessageText), cancellationToken: cancellationToken).ConfigureAwait(false);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }

        return moved;
    }

    private static string AsBase64(string text) =>
        text.Length > 0 && text.Length % 4 == 0 && Convert.TryFromBase64String(text, new byte[text.Length * 3 / 4], out _)
            ? text
            : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
