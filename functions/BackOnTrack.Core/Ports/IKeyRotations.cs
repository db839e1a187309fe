namespace BackOnTrack.Core.Ports;

/// <summary>Where a re-key run towards one key stands.</summary>
public enum KeyRotationState
{
    Running,
    Complete,
}

/// <summary>One re-key run: the target key's fingerprint and its state.</summary>
public sealed record KeyRotation(string Version, KeyRotationState State);

/// <summary>The record of re-key runs, so a finished rotation is not applied again and two rotations cannot interleave.</summary>
public interface IKeyRotations
{
    Task<IReadOnlyList<KeyRotation>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Records that the run towards <paramref name="version"/> entered <paramref name="state"/> at <paramref name="at"/>.</summary>
    Task RecordAsync(string version, KeyRotationState state, DateTimeOffset at, CancellationToken cancellationToken);
}
