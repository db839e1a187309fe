using BackOnTrack.Core.Messages;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Queues;

namespace BackOnTrack.Application.Tracker;

/// <summary>
/// Asks SyncTracker to bring the returns list up to date (<c>{"returns":"current"}</c> on <c>tracker-sync</c>): whatever
/// changes a school's drops this term — a drop handled, a drop withdrawn — changes its line in the list the board reads.
/// </summary>
internal static class ReturnsSyncRequest
{
    public static readonly string Message = new TrackerSyncRequest.Returns().Serialize();

    public static async Task SendAsync(QueueServiceClient queues, CancellationToken cancellationToken) =>
        await queues.SendMessageAsync(HubStorageNames.Queues.TrackerSync, Message, cancellationToken: cancellationToken).ConfigureAwait(false);
}
