using BackOnTrack.Core.Tracker;

namespace BackOnTrack.Core.Ports;

/// <summary>
/// Table TrackerItems: what the hub knows of each item it keeps in the SharePoint lists (id, eTag, the fields last
/// written), and the delta link each list's last read of owners' edits ended with.
/// </summary>
public interface ITrackerItems
{
    /// <summary>Every item of a list whose key starts with <paramref name="keyPrefix"/>, by key.</summary>
    Task<IReadOnlyDictionary<string, TrackerItemState>> ReadAsync(string list, string keyPrefix, CancellationToken cancellationToken);

    /// <summary>One item's state, or null when the hub never kept it.</summary>
    Task<TrackerItemState?> GetAsync(string list, string key, CancellationToken cancellationToken);

    Task SaveAsync(TrackerItemState state, CancellationToken cancellationToken);

    /// <summary>The delta link the last read of a list ended with; null before the first read.</summary>
    Task<string?> GetDeltaLinkAsync(string listAddress, CancellationToken cancellationToken);

    Task SaveDeltaLinkAsync(string listAddress, string? deltaLink, CancellationToken cancellationToken);
}
