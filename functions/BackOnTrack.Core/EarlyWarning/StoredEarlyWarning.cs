namespace BackOnTrack.Core.EarlyWarning;

/// <summary>A stored flag with the version it was read at (an opaque token), for a conditional write back.</summary>
public sealed record StoredEarlyWarning(EarlyWarningFlag Flag, string ETag);
