using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Tracker;

namespace BackOnTrack.Tests.Ports;

/// <summary>Table TrackerItems in memory: each list's items by key, and each list's delta link.</summary>
public sealed class InMemoryTrackerItems : ITrackerItems
{
    public Dictionary<(string List, string Key), TrackerItemState> Items { get; } = [];

    public Dictionary<string, string?> DeltaLinks { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, TrackerItemState>> ReadAsync(string list, string keyPrefix, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, TrackerItemState>>(
            Items.Where(i => i.Key.List == list && i.Key.Key.StartsWith(keyPrefix, StringComparison.Ordinal)).ToDictionary(i => i.Key.Key, i => i.Value, StringComparer.Ordinal));

    public Task<TrackerItemState?> GetAsync(string list, string key, CancellationToken cancellationToken) => Task.FromResult(Items.GetValueOrDefault((list, key)));

    public Task SaveAsync(TrackerItemState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        Items[(state.List, state.Key)] = state;
        return Task.CompletedTask;
    }

    public Task<string?> GetDeltaLinkAsync(string listAddress, CancellationToken cancellationToken) => Task.FromResult(DeltaLinks.GetValueOrDefault(listAddress));

    public Task SaveDeltaLinkAsync(string listAddress, string? deltaLink, CancellationToken cancellationToken)
    {
        DeltaLinks[listAddress] = deltaLink;
        return Task.CompletedTask;
    }
}
