using BackOnTrack.Core.Metrics;
using BackOnTrack.Storage.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>Table CohortOutcomes: PartitionKey the cohort's name, RowKey <c>LA</c> or a school's LAESTAB.</summary>
public sealed class CohortOutcomeStore(TableServiceClient tables)
{
    private const string Table = HubStorageNames.Tables.CohortOutcomes;

    /// <summary>Replaces a cohort's rows: one per scope given, and none for scopes no longer there.</summary>
    public async Task ReplaceAsync(string cohort, IReadOnlyList<CohortOutcome> outcomes, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        var actions = outcomes.Select(o => TableTransactionAction.UpsertReplace(ToEntity(cohort, o, computedAt))).ToList();
        var keep = outcomes.Select(o => o.Scope).ToHashSet(StringComparer.Ordinal);
        await foreach (var existing in tables.QueryAsync(Table, TableFilter.Of($"PartitionKey eq {cohort}"), ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!keep.Contains(existing.RowKey))
            {
                actions.Add(TableTransactionAction.Delete(cohort, existing.RowKey));
            }
        }

        foreach (var chunk in actions.Chunk(TableServiceClient.MaxTransactionOperations))
        {
            await tables.SubmitTransactionAsync(Table, chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<TableEntity>> ReadAsync(string cohort, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in tables.QueryAsync(Table, TableFilter.Of($"PartitionKey eq {cohort}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static TableEntity ToEntity(string cohort, CohortOutcome outcome, DateTimeOffset computedAt) => new(cohort, outcome.Scope)
    {
        ["Pupils"] = outcome.Pupils,
        ["SuspBefore"] = outcome.SuspBefore,
        ["SuspAfter"] = outcome.SuspAfter,
        ["SuspChangePct"] = outcome.SuspChangePct,
        ["SuspSessionsBefore"] = outcome.SuspSessionsBefore,
        ["SuspSessionsAfter"] = outcome.SuspSessionsAfter,
        ["AttendanceRateBefore"] = outcome.AttendanceRateBefore,
        ["AttendanceRateAfter"] = outcome.AttendanceRateAfter,
        ["AttendanceCompared"] = outcome.AttendanceCompared,
        ["AttendanceImproved"] = outcome.AttendanceImproved,
        ["AttendanceImprovedShare"] = outcome.AttendanceImprovedShare,
        ["ComputedAt"] = computedAt,
    };
}
