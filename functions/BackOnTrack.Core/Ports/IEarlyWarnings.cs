using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Ports;

/// <summary>
/// Table EarlyWarnings: each school's flagged (and once-flagged) pupils by pupil key, with the reasons, their evidence
/// and the flag's status. Writes are conditional on the version read, so of two recomputes of a school the
/// later-reading one wins and the other computes again.
/// </summary>
public interface IEarlyWarnings
{
    /// <summary>A school's rows, each with the version it was read at.</summary>
    Task<IReadOnlyList<StoredEarlyWarning>> ReadSchoolAsync(Laestab school, CancellationToken cancellationToken);

    /// <summary>Every school's rows, by LAESTAB (the LA's counts and the backtest's replay read them all at once).</summary>
    Task<IReadOnlyDictionary<string, List<EarlyWarningFlag>>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Applies a school's writes; <see cref="EarlyWarningWriteResult.Conflict"/> when a row changed since it was read.</summary>
    Task<EarlyWarningWriteResult> WriteAsync(Laestab school, IReadOnlyList<EarlyWarningWrite> writes, CancellationToken cancellationToken);

    /// <summary>Removes a pupil's rows at every school (erasure); returns how many went.</summary>
    Task<int> DeletePupilAsync(PupilKey pupil, CancellationToken cancellationToken);
}
