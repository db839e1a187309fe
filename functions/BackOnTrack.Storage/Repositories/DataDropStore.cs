using System.Text.Json;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Ports;
using Azure.Data.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>Table DataDrops (PartitionKey the school's LAESTAB or <c>LA</c>, RowKey the drop id).</summary>
public sealed class DataDropStore : IDropRegistry
{
    private readonly TableClient _table;

    /// <param name="table">The DataDrops table's client.</param>
    public DataDropStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's DataDrops table (how the hub's container builds it).</summary>
    public DataDropStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.DataDrops))
    {
    }

    public async Task<DataDrop?> GetAsync(string scope, string dropId, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(scope, dropId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } entity ? Read(entity) : null;
    }

    /// <summary>Every drop of a school (or of the LA), for the operations verbs and tests.</summary>
    public async Task<IReadOnlyList<DataDrop>> ListAsync(string scope, CancellationToken cancellationToken)
    {
        var drops = new List<DataDrop>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            drops.Add(Read(entity));
        }

        return drops;
    }

    /// <summary>Every drop of every school and of the LA (the table holds one row per file version received).</summary>
    public async Task<IReadOnlyList<DataDrop>> ListAllAsync(CancellationToken cancellationToken)
    {
        var drops = new List<DataDrop>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter: (string?)null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            drops.Add(Read(entity));
        }

        return drops;
    }

    /// <summary>Drops finished (processed or rejected) at or after <paramref name="since"/>, across schools and the LA.</summary>
    public async Task<IReadOnlyList<DataDrop>> ListProcessedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var drops = new List<DataDrop>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ProcessedAt ge {since}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            drops.Add(Read(entity));
        }

        return drops;
    }

    public async Task SaveAsync(DataDrop drop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var entity = new TableEntity(drop.Scope, drop.DropId)
        {
            ["BlobName"] = drop.BlobName,
            ["Kind"] = drop.Kind,
            ["Layout"] = drop.Layout,
            ["Status"] = drop.Status.ToString(),
            ["RowsRead"] = drop.RowsRead,
            ["RowsAccepted"] = drop.RowsAccepted,
            ["RowsRejected"] = drop.RowsRejected,
            ["ReportBlob"] = drop.ReportBlob,
            ["Reason"] = drop.Reason,
            ["ReceivedAt"] = drop.ReceivedAt,
            ["ProcessedAt"] = drop.ProcessedAt,
            ["Partitions"] = JsonSerializer.Serialize(drop.Partitions),
            ["SchoolYears"] = JsonSerializer.Serialize(drop.SchoolYears),
        };
        await _table.UpsertEntityAsync(entity.WithoutNulls(), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static DataDrop Read(TableEntity entity) => new()
    {
        Scope = entity.PartitionKey,
        DropId = entity.RowKey,
        BlobName = entity.GetString("BlobName") ?? "",
        Status = Enum.Parse<DropStatus>(entity.GetString("Status") ?? nameof(DropStatus.Processing)),
        Kind = entity.GetString("Kind"),
        Layout = entity.GetString("Layout"),
        RowsRead = entity.GetInt32("RowsRead") ?? 0,
        RowsAccepted = entity.GetInt32("RowsAccepted") ?? 0,
        RowsRejected = entity.GetInt32("RowsRejected") ?? 0,
        ReportBlob = entity.GetString("ReportBlob"),
        Reason = entity.GetString("Reason"),
        ReceivedAt = entity.GetDateTimeOffset("ReceivedAt") ?? default,
        ProcessedAt = entity.GetDateTimeOffset("ProcessedAt"),
        Partitions = JsonSerializer.Deserialize<string[]>(entity.GetString("Partitions") ?? "[]") ?? [],
        SchoolYears = JsonSerializer.Deserialize<string[]>(entity.GetString("SchoolYears") ?? "[]") ?? [],
    };
}
