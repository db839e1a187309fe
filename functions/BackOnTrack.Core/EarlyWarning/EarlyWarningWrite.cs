namespace BackOnTrack.Core.EarlyWarning;

/// <summary>
/// One write of a school's recompute: a row to add (no version), to replace (the version read), or to delete (no flag;
/// conditional on the version read when there is one).
/// </summary>
public sealed record EarlyWarningWrite(string PupilKey, EarlyWarningFlag? Flag, string? ETag);
