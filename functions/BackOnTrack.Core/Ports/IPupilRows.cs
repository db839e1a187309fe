using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Ports;

/// <summary>
/// One stored row about one pupil: its table and keys, and what a cohort membership records of the school and the
/// start date (null for other rows).
/// </summary>
public sealed record PupilRow(string Table, string PartitionKey, string RowKey, string? Laestab = null, DateTimeOffset? StartDate = null);

/// <summary>
/// The tables that hold pupils (Exclusions, Attendance, Cohorts) as erasure, retention and re-keying reach them.
/// Exclusions and Attendance partitions are <c>{laestab}_{yyyy-yy}</c> and carry the pupilKey in <c>PupilKey</c>;
/// Cohorts partitions are cohorts, keyed by the pupilKey.
/// </summary>
public interface IPupilRows
{
    /// <summary>The pupil's rows in one of the pupil tables.</summary>
    Task<IReadOnlyList<PupilRow>> FindPupilAsync(string table, PupilKey pupil, CancellationToken cancellationToken);

    /// <summary>The memberships one drop wrote to one cohort, with their start dates.</summary>
    Task<IReadOnlyList<PupilRow>> FindCohortMembersAsync(string cohort, string dropId, CancellationToken cancellationToken);

    /// <summary>Deletes the rows, whatever their version; returns how many were asked for.</summary>
    Task<int> DeleteAsync(IReadOnlyList<PupilRow> rows, CancellationToken cancellationToken);

    /// <summary>Deletes every row of one partition; returns how many.</summary>
    Task<int> DeletePartitionAsync(string table, string partitionKey, CancellationToken cancellationToken);

    /// <summary>
    /// Moves every row of <paramref name="table"/> not yet marked with <paramref name="version"/> to the pupilKey
    /// <paramref name="rekey"/> gives for its current one, marking it with <paramref name="version"/>; each row moves
    /// atomically, so a run interrupted and started again moves each row once. Returns the rows moved.
    /// </summary>
    /// <param name="committed">Told the rows moved so far, after each commit.</param>
    Task<long> RekeyAsync(string table, string version, Func<PupilKey, PupilKey> rekey, Action<long>? committed, CancellationToken cancellationToken);
}
