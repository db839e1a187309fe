namespace BackOnTrack.Core.Operations;

/// <summary>
/// One thing an operations verb did. It never holds a pupil identifier: the operation, when, who and why (as the
/// operator typed them), and counts.
/// </summary>
public sealed record OperationsAuditEntry(string Operation, DateTimeOffset At, string By, string Reason, IReadOnlyDictionary<string, long> Counts);
