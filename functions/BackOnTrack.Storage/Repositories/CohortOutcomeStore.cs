using BackOnTrack.Core.BoardPack;
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

    /// <summary>Every cohort's rows, as the outcomes they were computed as.</summary>
    public async Task<IReadOnlyList<CohortOutcomeRecord>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var records = new List<CohortOutcomeRecord>();
        await foreach (var row in tables.QueryAsync(Table, filter: null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(new CohortOutcomeRecord(row.PartitionKey, new CohortOutcome(
                row.RowKey,
                row.GetInt32("Pupils") ?? 0,
                row.GetInt32("SuspBefore") ?? 0,
                row.GetInt32("SuspAfter") ?? 0,
                row.GetInt32("SuspSessionsBefore") ?? 0,
                row.GetInt32("SuspSessionsAfter") ?? 0,
                row.GetDouble("AttendanceRateBefore"),
                row.GetDouble("AttendanceRateAfter"),
                row.GetInt32("AttendanceCompared") ?? 0,
                row.GetInt32("AttendanceImproved") ?? 0)));
        }

        return records;
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
