namespace BackOnTrack.Core.Plans;

/// <summary>An action as stored and when the hub last changed it (its UpdatedAt).</summary>
public sealed record TimedAction(StoredAction Action, DateTimeOffset? UpdatedAt);
