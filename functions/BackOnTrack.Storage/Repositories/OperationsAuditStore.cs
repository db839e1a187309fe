using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using BackOnTrack.Core.Operations;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>Table OperationsAudit (PartitionKey the operation, RowKey newest first: inverted ticks and a random suffix).</summary>
public sealed class OperationsAuditStore : IOperationsAudit
{
    private readonly TableClient _table;

    /// <param name="table">The OperationsAudit table's client.</param>
    public OperationsAuditStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's OperationsAudit table (how the hub's container builds it).</summary>
    public OperationsAuditStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.OperationsAudit))
    {
    }

    public async Task WriteAsync(OperationsAuditEntry entry, CancellationToken cancellationToken)
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
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An operation's entries, newest first (for the operator and the tests; the use cases only write).</summary>
    public async Task<IReadOnlyList<OperationsAuditEntry>> ListAsync(string operation, CancellationToken cancellationToken)
    {
        var entries = new List<OperationsAuditEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {operation}"), cancellationToken: cancellationToken).ConfigureAwait(false))
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
