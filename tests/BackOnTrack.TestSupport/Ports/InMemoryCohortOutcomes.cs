using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>Table CohortOutcomes in memory: a cohort's rows keyed by scope, a replace leaving exactly the scopes it was given.</summary>
public sealed class InMemoryCohortOutcomes : ICohortOutcomes
{
    private readonly SortedDictionary<string, SortedDictionary<string, CohortOutcome>> _cohorts = new(StringComparer.Ordinal);

    /// <summary>Each replace's cohort and computed-at time, in order.</summary>
    public List<(string Cohort, DateTimeOffset ComputedAt)> Replaces { get; } = [];

    public Task ReplaceAsync(string cohort, IReadOnlyList<CohortOutcome> outcomes, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var rows = new SortedDictionary<string, CohortOutcome>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            rows[outcome.Scope] = outcome;
        }

        _cohorts[cohort] = rows;
        Replaces.Add((cohort, computedAt));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CohortOutcomeRecord>> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CohortOutcomeRecord>>([.. _cohorts.SelectMany(c => c.Value.Values.Select(o => new CohortOutcomeRecord(c.Key, o)))]);
}
