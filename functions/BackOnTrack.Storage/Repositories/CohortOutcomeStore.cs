using Azure;
using Azure.Data.Tables;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>Table CohortOutcomes: PartitionKey the cohort's name, RowKey <c>LA</c> or a school's LAESTAB.</summary>
public sealed class CohortOutcomeStore : ICohortOutcomes
{
    private readonly TableClient _table;

    /// <param name="table">The CohortOutcomes table's client.</param>
    public CohortOutcomeStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's CohortOutcomes table (how the hub's container builds it).</summary>
    public CohortOutcomeStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.CohortOutcomes))
    {
    }

    /// <summary>Replaces a cohort's rows: one per scope given, and none for scopes no longer there.</summary>
    public async Task ReplaceAsync(string cohort, IReadOnlyList<CohortOutcome> outcomes, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        var actions = outcomes.Select(o => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(cohort, o, computedAt).WithoutNulls())).ToList();
        var keep = outcomes.Select(o => o.Scope).ToHashSet(StringComparer.Ordinal);
        await foreach (var existing in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {cohort}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!keep.Contains(existing.RowKey))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(cohort, existing.RowKey), ETag.All));
            }
        }

        foreach (var chunk in actions.Chunk(TableTransactions.MaxOperations))
        {
            await _table.SubmitCheckedAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A cohort's rows as the table holds them, every property as written.</summary>
    public async Task<IReadOnlyList<TableEntity>> ReadAsync(string cohort, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {cohort}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every cohort's rows, as the outcomes they were computed as.</summary>
    public async Task<IReadOnlyList<CohortOutcomeRecord>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var records = new List<CohortOutcomeRecord>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter: (string?)null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(new CohortOutcomeRecord(row.PartitionKey, new CohortOutcome(
                row.RowKey,
                row.ReadInt32("Pupils") ?? 0,
                row.ReadInt32("SuspBefore") ?? 0,
                row.ReadInt32("SuspAfter") ?? 0,
                row.ReadInt32("SuspSessionsBefore") ?? 0,
                row.ReadInt32("SuspSessionsAfter") ?? 0,
                row.ReadDouble("AttendanceRateBefore"),
                row.ReadDouble("AttendanceRateAfter"),
                row.ReadInt32("AttendanceCompared") ?? 0,
                row.ReadInt32("AttendanceImproved") ?? 0)));
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
