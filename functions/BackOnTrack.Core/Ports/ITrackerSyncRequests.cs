using BackOnTrack.Core.Messages;

namespace BackOnTrack.Core.Ports;

/// <summary>Queue <c>tracker-sync</c>: asks SyncTracker to bring one of the board's trackers up to date.</summary>
public interface ITrackerSyncRequests
{
    Task RequestAsync(TrackerSyncRequest request, CancellationToken cancellationToken);
}
