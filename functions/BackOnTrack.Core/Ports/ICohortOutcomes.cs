using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Metrics;

namespace BackOnTrack.Core.Ports;

/// <summary>Table CohortOutcomes: each intervention cohort's before/after figures, one row for the LA and one per school with members.</summary>
public interface ICohortOutcomes
{
    /// <summary>Replaces a cohort's rows: one per scope given, and none for scopes no longer there.</summary>
    Task ReplaceAsync(string cohort, IReadOnlyList<CohortOutcome> outcomes, DateTimeOffset computedAt, CancellationToken cancellationToken);

    /// <summary>Every cohort's rows, as the outcomes they were computed as.</summary>
    Task<IReadOnlyList<CohortOutcomeRecord>> ReadAllAsync(CancellationToken cancellationToken);
}
