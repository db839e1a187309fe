using System.Globalization;
using System.Text.Json;
using BackOnTrack.Storage.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// One thing an operations verb did. It never holds a pupil identifier: the operation, when, who and why (as the
/// operator typed them), and counts.
/// </summary>
public sealed record OperationsAuditEntry(string Operation, DateTimeOffset At, string By, string Reason, IReadOnlyDictionary<string, long> Counts);

/// <summary>Table OperationsAudit (PartitionKey the operation, RowKey newest first: inverted ticks and a random suffix).</summary>
public sealed class OperationsAuditStore(TableServiceClient tables)
{
    private const string Table = HubStorageNames.Tables.OperationsAudit;

    public Task WriteAsync(OperationsAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var rowKey = (DateTimeOffset.MaxValue.Ticks - entry.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        var entity = new TableEntity(entry.Operation, rowKey)
        {
            ["At"] = entry.At,
            ["By"] = entry.By,
            ["Reason"] = entry.Reason,
            ["Counts"] = JsonSerializer.Serialize(entry.Counts),
        };
        return tables.AddEntityAsync(Table, entity, cancellationToken);
    }

    /// <summary>An operation's entries, newest first.</summary>
    public async Task<IReadOnlyList<OperationsAuditEntry>> ListAsync(string operation, CancellationToken cancellationToken)
    {
        var entries = new List<OperationsAuditEntry>();
        await foreach (var entity in tables.QueryAsync(Table, TableFilter.Of($"PartitionKey eq {operation}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new OperationsAuditEntry(
                entity.PartitionKey,
                entity.GetDateTimeOffset("At") ?? default,
                entity.GetString("By") ?? "",
                entity.GetString("Reason") ?? "",
                JsonSerializer.Deserialize<Dictionary<string, long>>(entity.GetString("Counts") ?? "{}") ?? []));
        }

        return entries;
    }
}
