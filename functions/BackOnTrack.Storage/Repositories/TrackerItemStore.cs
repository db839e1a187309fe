using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Tracker;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Table TrackerItems: PartitionKey the list's kind, RowKey the item's key through the key encoder, one row per item
/// the hub keeps in SharePoint; and partition <c>delta</c>, one row per list (RowKey the site and list id through the
/// key encoder) with the delta link of the last PullTrackerEdits run.
/// </summary>
public sealed class TrackerItemStore : ITrackerItems
{
    private const string DeltaPartition = "delta";
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TableClient _table;

    /// <param name="table">The TrackerItems table's client.</param>
    public TrackerItemStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's TrackerItems table (how the hub's container builds it).</summary>
    public TrackerItemStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.TrackerItems))
    {
    }

    /// <summary>Every item of a list whose key starts with <paramref name="keyPrefix"/>, by key.</summary>
    public async Task<IReadOnlyDictionary<string, TrackerItemState>> ReadAsync(string list, string keyPrefix, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, TrackerItemState>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(TableQueries.PartitionAndRowKeyPrefix(list, TableKey.Encode(keyPrefix)), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var state = Read(row);
            states[state.Key] = state;
        }

        return states;
    }

    /// <summary>One item's state, or null when the hub never kept it.</summary>
    public async Task<TrackerItemState?> GetAsync(string list, string key, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(list, TableKey.Encode(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } row ? Read(row) : null;
    }

    public async Task SaveAsync(TrackerItemState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entity = new TableEntity(state.List, TableKey.Encode(state.Key))
        {
            ["Key"] = state.Key,
            ["PlanId"] = state.PlanId,
            ["ActionKey"] = state.ActionKey,
            ["ItemId"] = state.ItemId,
            ["ETag"] = state.ETag,
            ["Fields"] = state.Fields is null ? null : JsonSerializer.Serialize(state.Fields, Json),
            ["Fingerprint"] = state.Fingerprint,
            ["WrittenAt"] = state.WrittenAt,
        };
        await _table.UpsertEntityAsync(entity.WithoutNulls(), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The delta link the last read of a list ended with; null before the first read.</summary>
    public async Task<string?> GetDeltaLinkAsync(string listAddress, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(DeltaPartition, TableKey.Encode(listAddress), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } row ? row.GetString("DeltaLink") : null;
    }

    public async Task SaveDeltaLinkAsync(string listAddress, string? deltaLink, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(DeltaPartition, TableKey.Encode(listAddress)) { ["DeltaLink"] = deltaLink }.WithoutNulls(), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    private static TrackerItemState Read(TableEntity row) => new(
        row.PartitionKey,
        row.GetString("Key") ?? TableKey.Decode(row.RowKey),
        row.GetString("PlanId"),
        row.GetString("ActionKey"),
        row.GetString("ItemId"),
        row.GetString("ETag"),
        row.GetString("Fields") is { } fields ? JsonSerializer.Deserialize<Dictionary<string, string?>>(fields, Json) : null,
        row.GetString("Fingerprint"),
        row.GetDateTimeOffset("WrittenAt"));
}
