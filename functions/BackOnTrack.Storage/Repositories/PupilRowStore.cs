using Azure;
using Azure.Data.Tables;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>The pupil rows of tables Exclusions, Attendance and Cohorts, through the SDK.</summary>
public sealed class PupilRowStore(TableServiceClient tables) : IPupilRows
{
    /// <summary>The property marking a row already moved to a target key (the key's fingerprint).</summary>
    public const string KeyVersionProperty = "PupilKeyVersion";

    // Each re-keyed row is one delete and one insert: two operations of the transaction's hundred.
    private const int RowsPerRekeyTransaction = TableTransactions.MaxOperations / 2;

    public async Task<IReadOnlyList<PupilRow>> FindPupilAsync(string table, PupilKey pupil, CancellationToken cancellationToken)
    {
        var filter = table == HubStorageNames.Tables.Cohorts
            ? TableClient.CreateQueryFilter($"RowKey eq {pupil.Value}")
            : TableClient.CreateQueryFilter($"PupilKey eq {pupil.Value}");
        return await FindAsync(table, filter, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<PupilRow>> FindCohortMembersAsync(string cohort, string dropId, CancellationToken cancellationToken) =>
        FindAsync(HubStorageNames.Tables.Cohorts, TableClient.CreateQueryFilter($"PartitionKey eq {cohort} and SourceDropId eq {dropId}"), cancellationToken);

    public async Task<int> DeleteAsync(IReadOnlyList<PupilRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var partition in rows.GroupBy(r => (r.Table, r.PartitionKey)))
        {
            var table = tables.GetTableClient(partition.Key.Table);
            foreach (var chunk in partition.Chunk(TableTransactions.MaxOperations))
            {
                await table.SubmitCheckedAsync(
                    [.. chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All))],
                    cancellationToken).ConfigureAwait(false);
            }
        }

        return rows.Count;
    }

    public async Task<int> DeletePartitionAsync(string table, string partitionKey, CancellationToken cancellationToken)
    {
        var rows = await FindAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken).ConfigureAwait(false);
        return await DeleteAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> RekeyAsync(string table, string version, Func<PupilKey, PupilKey> rekey, Action<long>? committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rekey);
        var client = tables.GetTableClient(table);
        long rekeyed = 0;
        var batch = new List<TableTransactionAction>();
        async Task SubmitAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            await client.SubmitCheckedAsync(batch, cancellationToken).ConfigureAwait(false);
            rekeyed += batch.Count / 2;
            batch = [];
            committed?.Invoke(rekeyed);
        }

        await foreach (var row in client.QueryAsync<TableEntity>(filter: (string?)null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString(KeyVersionProperty) == version)
            {
                continue;
            }

            if (batch.Count > 0 && (batch[0].Entity.PartitionKey != row.PartitionKey || batch.Count == RowsPerRekeyTransaction * 2))
            {
                await SubmitAsync().ConfigureAwait(false);
            }

            // The delete carries the row's ETag: a row changed since it was read fails the transaction rather than being lost.
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey), row.ETag));
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, Rekeyed(table, row, rekey, version)));
        }

        await SubmitAsync().ConfigureAwait(false);
        return rekeyed;
    }

    /// <summary>The row under its new key: Cohorts rows are keyed by the pupilKey; others carry it in <c>PupilKey</c> and inside the RowKey.</summary>
    private static TableEntity Rekeyed(string table, TableEntity row, Func<PupilKey, PupilKey> rekey, string version)
    {
        var oldKey = table == HubStorageNames.Tables.Cohorts ? row.RowKey : row.GetString("PupilKey");
        if (!PupilKey.TryParse(oldKey, out var parsed))
        {
            throw new InvalidOperationException($"A row of {table} in partition {row.PartitionKey} has no pupil key where one should be.");
        }

        var newKey = rekey(parsed).Value;
        var entity = new TableEntity(row.PartitionKey, row.RowKey.Replace(oldKey, newKey, StringComparison.Ordinal));
        foreach (var (name, value) in row)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                entity[name] = value;
            }
        }

        if (entity.ContainsKey("PupilKey"))
        {
            entity["PupilKey"] = newKey;
        }

        entity[KeyVersionProperty] = version;
        return entity;
    }

    private async Task<IReadOnlyList<PupilRow>> FindAsync(string table, string filter, CancellationToken cancellationToken)
    {
        var rows = new List<PupilRow>();
        // PartitionKey and RowKey are selected too: the service returns only what $select names.
        await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Laestab", "StartDate"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new PupilRow(table, row.PartitionKey, row.RowKey, row.GetString("Laestab"), row.GetDateTimeOffset("StartDate")));
        }

        return rows;
    }
}
