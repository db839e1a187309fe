using System.Globalization;
using Azure.Data.Tables;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Tracker;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Table RejectedTrackerEdits: PartitionKey <c>rejected</c>, RowKey <c>{ticks of EditedAt, 19 digits}_{planId}_{actionKey}_{Field}</c>
/// through the key encoder, so rows sort by the edit's time and reading the same edit twice records it once.
/// </summary>
public sealed class RejectedTrackerEditStore : IRejectedTrackerEdits
{
    private const string Partition = "rejected";
    private const int MaxValueLength = 500;

    private readonly TableClient _table;

    /// <param name="table">The RejectedTrackerEdits table's client.</param>
    public RejectedTrackerEditStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's RejectedTrackerEdits table (how the hub's container builds it).</summary>
    public RejectedTrackerEditStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.RejectedTrackerEdits))
    {
    }

    /// <summary>Records an edit that was not applied (once, however often it is read).</summary>
    public async Task RecordAsync(RejectedTrackerEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var entity = new TableEntity(Partition, Ticks(edit.EditedAt) + "_" + TableKey.Encode($"{edit.PlanId}_{edit.ActionKey}_{edit.Field}"))
        {
            ["PlanId"] = edit.PlanId,
            ["ActionKey"] = edit.ActionKey,
            ["Field"] = edit.Field,
            ["Value"] = edit.Value is { Length: > MaxValueLength } value ? value[..(MaxValueLength - 1)] + "…" : edit.Value,
            ["Reason"] = edit.Reason,
            ["EditedBy"] = edit.EditedBy,
            ["EditedAt"] = edit.EditedAt,
        };
        await _table.UpsertEntityAsync(entity.WithoutNulls(), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The edits made at or after <paramref name="since"/> that were not applied, oldest first.</summary>
    public async Task<IReadOnlyList<RejectedTrackerEdit>> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var edits = new List<RejectedTrackerEdit>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {Ticks(since)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            edits.Add(new RejectedTrackerEdit(
                row.GetString("PlanId") ?? "",
                row.GetString("ActionKey") ?? "",
                row.GetString("Field") ?? "",
                row.GetString("Value"),
                row.GetString("Reason") ?? "",
                row.GetString("EditedBy"),
                row.GetDateTimeOffset("EditedAt") ?? default));
        }

        return edits;
    }

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
