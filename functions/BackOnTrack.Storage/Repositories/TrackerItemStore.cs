using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// What the hub knows of one SharePoint item: its id and eTag, the hub's fields as SharePoint holds them after the
/// hub's last write (or an owner's edit the hub has read since), their fingerprint, and when the hub last wrote it.
/// </summary>
/// <param name="List">The list's kind (<c>tracker</c> or <c>figures</c>).</param>
/// <param name="Key">The item's key (ActionId, FigureId or ReturnId).</param>
/// <param name="PlanId">For tracker items: the action's plan.</param>
/// <param name="ActionKey">For tracker items: the action's key.</param>
/// <param name="ItemId">SharePoint's item id; null until the item is known to exist (and always in outbox mode).</param>
/// <param name="ETag">SharePoint's eTag of the item as last seen.</param>
/// <param name="Fields">The item's fields by column name; null when nothing was ever pushed.</param>
/// <param name="Fingerprint">The fingerprint of <paramref name="Fields"/>.</param>
/// <param name="WrittenAt">When the hub last wrote the item.</param>
public sealed record TrackerItemState(
    string List,
    string Key,
    string? PlanId,
    string? ActionKey,
    string? ItemId,
    string? ETag,
    IReadOnlyDictionary<string, string?>? Fields,
    string? Fingerprint,
    DateTimeOffset? WrittenAt);

/// <summary>
/// Table TrackerItems: PartitionKey the list's kind, RowKey the item's key through the key encoder, one row per item
/// the hub keeps in SharePoint; and partition <c>delta</c>, one row per list (RowKey the site and list id through the
/// key encoder) with the delta link of the last PullTrackerEdits run.
/// </summary>
public sealed class TrackerItemStore
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
