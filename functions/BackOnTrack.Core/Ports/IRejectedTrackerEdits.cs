using BackOnTrack.Core.Tracker;

namespace BackOnTrack.Core.Ports;

/// <summary>Table RejectedTrackerEdits: the edits owners made in the tracker that the hub did not apply, and why.</summary>
public interface IRejectedTrackerEdits
{
    /// <summary>Records an edit that was not applied (once, however often it is read).</summary>
    Task RecordAsync(RejectedTrackerEdit edit, CancellationToken cancellationToken);

    /// <summary>The edits made at or after <paramref name="since"/> that were not applied, oldest first.</summary>
    Task<IReadOnlyList<RejectedTrackerEdit>> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
