using System.Globalization;
using Azure.Data.Tables;
using BackOnTrack.Storage;

namespace BackOnTrack.M365.Outbox;

/// <summary>Contract (DESIGN §5): the outbox's partitions.</summary>
public static class OutboxChannels
{
    public const string TeamsActivity = "TeamsActivity";
    public const string BoardDigest = "BoardDigest";
    public const string SharePoint = "SharePoint";
    public const string BoardPack = "BoardPack";
}

/// <summary>Contract (DESIGN §5): the outbox's Kind values.</summary>
public static class OutboxKinds
{
    public const string Due = "due";
    public const string Overdue = "overdue";
    public const string Digest = "digest";
    public const string Upsert = "upsert";
    public const string Edit = "edit";
    public const string BoardPack = "board-pack";
}

/// <summary>One would-be request: where it would have gone and the JSON that would have been sent.</summary>
public sealed record OutboxEntry(string Channel, string RowKey, string? Recipient, string? ActionKey, string Kind, DateTimeOffset CreatedAt, string Payload);

/// <summary>
/// Table <c>Outbox</c> (DESIGN §5): PartitionKey the channel, RowKey <c>{yyyyMMddHHmmssfffffff}_{8 hex}</c> (sortable by
/// creation, unique), properties Recipient, ActionKey, Kind, CreatedAt, Payload.
/// </summary>
public class OutboxStore
{
    private readonly TableClient _table;
    private readonly TimeProvider _timeProvider;

    /// <param name="table">The Outbox table's client.</param>
    public OutboxStore(TableClient table, TimeProvider timeProvider)
    {
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _timeProvider = timeProvider;
    }

    /// <summary>The store over the account's Outbox table (how the hub's container builds it).</summary>
    public OutboxStore(TableServiceClient tables, TimeProvider timeProvider)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.Outbox), timeProvider)
    {
    }

    /// <summary>For mocking.</summary>
    protected OutboxStore()
    {
        _table = null!;
        _timeProvider = TimeProvider.System;
    }

    /// <summary>Records one would-be request; returns it as stored.</summary>
    public virtual async Task<OutboxEntry> AppendAsync(string channel, string kind, string payload, string? recipient, string? actionKey, CancellationToken cancellationToken)
    {
        var createdAt = _timeProvider.GetUtcNow();
        var rowKey = RowKeyFor(createdAt, Guid.NewGuid());
        var entity = new TableEntity(channel, rowKey)
        {
            ["Recipient"] = recipient,
            ["ActionKey"] = actionKey,
            ["Kind"] = kind,
            ["CreatedAt"] = createdAt,
            ["Payload"] = payload,
        }.WithoutNulls();
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        return new OutboxEntry(channel, rowKey, recipient, actionKey, kind, createdAt, payload);
    }

    /// <summary>A channel's entries, oldest first.</summary>
    public virtual async Task<IReadOnlyList<OutboxEntry>> ListAsync(string channel, CancellationToken cancellationToken)
    {
        var entries = new List<OutboxEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {channel}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new OutboxEntry(
                entity.PartitionKey,
                entity.RowKey,
                entity.GetString("Recipient"),
                entity.GetString("ActionKey"),
                entity.GetString("Kind") ?? "",
                entity.GetDateTimeOffset("CreatedAt") ?? default,
                entity.GetString("Payload") ?? ""));
        }

        return entries;
    }

    /// <summary>Creation time to the tick (UTC), then 8 hex characters of a GUID: sorts by time, never collides.</summary>
    internal static string RowKeyFor(DateTimeOffset createdAt, Guid unique) =>
        createdAt.UtcDateTime.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture) + "_" + unique.ToString("N")[..8];
}
