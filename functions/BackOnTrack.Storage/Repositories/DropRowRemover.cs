using BackOnTrack.Core.Ports;
using Azure.Data.Tables;
using BackOnTrack.Core.Drops;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Removes what one drop said from the tables: rows it was the last to write, and (in Attendance) the sessions it
/// sent. Used when a newer version of the same file replaces it, and to undo a file rejected after its rows were
/// written. Rows another drop wrote later belong to that drop and stay.
/// </summary>
/// <param name="tables">The account's tables (a drop's rows may be in any of the tables ingest writes).</param>
public sealed class DropRowRemover(TableServiceClient tables) : IDropRowRemover
{
    /// <summary>Removes the drop's rows from each "Table|PartitionKey" it recorded; returns how many rows changed.</summary>
    public async Task<int> RemoveAsync(string dropId, IEnumerable<string> partitions, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var (table, partition) in partitions.Select(Split).Distinct())
        {
            changed += table == HubStorageNames.Tables.Attendance
                ? await RemoveAttendanceAsync(partition, dropId, cancellationToken).ConfigureAwait(false)
                : await RemoveRowsAsync(table, partition, dropId, cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    private async Task<int> RemoveRowsAsync(string table, string partition, string dropId, CancellationToken cancellationToken)
    {
        // The property name is part of the format, not an argument: arguments become quoted literals.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and SourceDropId eq {dropId}");
        var client = tables.GetTableClient(table);
        var deletes = new List<TableTransactionAction>();
        await foreach (var row in client.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", IngestEntities.SourceDropId], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey), row.ETag));
        }

        foreach (var chunk in deletes.Chunk(TableTransactions.MaxOperations))
        {
            await client.SubmitCheckedAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        return deletes.Count;
    }

    private async Task<int> RemoveAttendanceAsync(string partition, string dropId, CancellationToken cancellationToken)
    {
        var changed = await RemoveRowsAsync(HubStorageNames.Tables.Attendance, partition, dropId, cancellationToken).ConfigureAwait(false);
        var shortId = DropId.ShortForm(dropId);
        var filter = TableQueries.PartitionAndRowKeyPrefix(partition, IngestEntities.MarksPrefix);
        var attendance = tables.GetTableClient(HubStorageNames.Tables.Attendance);
        var actions = new List<TableTransactionAction>();
        await foreach (var month in attendance.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var sessions = month.Where(p => IngestEntities.IsSessionProperty(p.Key)).ToList();
            var theirs = sessions.Where(p => IngestEntities.ReadSessionValue((string)p.Value).ShortDropId == shortId).Select(p => p.Key).ToList();
            if (theirs.Count == 0)
            {
                continue;
            }

            if (theirs.Count == sessions.Count)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(month.PartitionKey, month.RowKey), month.ETag));
            }
            else
            {
                foreach (var name in theirs)
                {
                    month.Remove(name);
                }

                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, month, month.ETag));
            }
        }

        foreach (var chunk in actions.Chunk(TableTransactions.MaxOperations))
        {
            await attendance.SubmitCheckedAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        return changed + actions.Count;
    }

    private static (string Table, string Partition) Split(string tableAndPartition)
    {
        var bar = tableAndPartition.IndexOf('|', StringComparison.Ordinal);
        return (tableAndPartition[..bar], tableAndPartition[(bar + 1)..]);
    }
}
