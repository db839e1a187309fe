using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>The record of re-key runs in memory, with every state change in the order it was recorded.</summary>
public sealed class InMemoryKeyRotations : IKeyRotations
{
    public List<(string Version, KeyRotationState State, DateTimeOffset At)> Recorded { get; } = [];

    public Task<IReadOnlyList<KeyRotation>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeyRotation>>([.. Recorded.GroupBy(r => r.Version).Select(g => new KeyRotation(g.Key, g.Last().State))]);

    public Task RecordAsync(string version, KeyRotationState state, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Recorded.Add((version, state, at));
        return Task.CompletedTask;
    }
}
