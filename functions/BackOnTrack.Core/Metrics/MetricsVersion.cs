namespace BackOnTrack.Core.Metrics;

/// <summary>
/// What a writer of a scope-year's Metrics rows must hold: the version it read. A write made with it fails if anyone
/// wrote the scope-year since, so of two racing recomputes the one that read the older version computes again.
/// </summary>
/// <param name="ETag">The version row's ETag, an opaque token to hand back; null when the scope-year has no rows yet.</param>
/// <param name="Fingerprint">The fingerprint of the rows as they were read; a write of the same rows changes nothing.</param>
public sealed record MetricsVersion(string Scope, string AcademicYear, string? ETag, string? Fingerprint);
