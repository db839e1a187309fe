using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Prompts;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Tables Owners (PartitionKey <c>role</c>, RowKey the role through the key encoder), Actions (PartitionKey the plan id,
/// RowKey the action key, both through the key encoder) and ActionEvents (PartitionKey <c>{planId}_{actionKey}</c>,
/// RowKey <c>{inverted ticks}_{Field}</c>). Besides §Storage of docs/architecture.md properties an action keeps the plan's own last Status and
/// LastNote (ImportedStatus, ImportedLastNote) and RowNumber, so a re-import can tell an owner's edit from the plan's.
/// </summary>
public sealed class ActionPlanStore : IActionPlans
{
    private const string OwnersPartition = "role";

    private readonly TableClient _owners;
    private readonly TableClient _actions;
    private readonly TableClient _events;

    /// <param name="owners">The Owners table's client.</param>
    /// <param name="actions">The Actions table's client.</param>
    /// <param name="events">The ActionEvents table's client.</param>
    public ActionPlanStore(TableClient owners, TableClient actions, TableClient events)
    {
        _owners = owners ?? throw new ArgumentNullException(nameof(owners));
        _actions = actions ?? throw new ArgumentNullException(nameof(actions));
        _events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>The store over the account's Owners, Actions and ActionEvents tables (how the hub's container builds it).</summary>
    public ActionPlanStore(TableServiceClient tables)
        : this(
            (tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.Owners),
            tables.GetTableClient(HubStorageNames.Tables.Actions),
            tables.GetTableClient(HubStorageNames.Tables.ActionEvents))
    {
    }

    /// <summary>Replaces the owners directory: every role in the file, no other.</summary>
    public async Task ReplaceOwnersAsync(IReadOnlyList<Owner> owners, CancellationToken cancellationToken)
    {
        var actions = owners.Select(o => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(OwnersPartition, TableKey.Encode(o.Role))
        {
            ["Role"] = o.Role,
            ["Upn"] = o.Upn,
            ["ObjectId"] = o.ObjectId?.ToString(),
        }.WithoutNulls())).ToList();
        var keep = actions.Select(a => a.Entity.RowKey).ToHashSet(StringComparer.Ordinal);
        await foreach (var existing in _owners.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {OwnersPartition}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!keep.Contains(existing.RowKey))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(OwnersPartition, existing.RowKey), ETag.All));
            }
        }

        foreach (var chunk in actions.Chunk(TableTransactions.MaxOperations))
        {
            await _owners.SubmitCheckedAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Owner>> ReadOwnersAsync(CancellationToken cancellationToken)
    {
        var owners = new List<Owner>();
        await foreach (var row in _owners.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {OwnersPartition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            owners.Add(new Owner(row.GetString("Role") ?? TableKey.Decode(row.RowKey), row.GetString("Upn") ?? "", Guid.TryParse(row.GetString("ObjectId"), out var id) ? id : null));
        }

        return owners;
    }

    /// <summary>A plan's actions as stored, removed ones included.</summary>
    public async Task<IReadOnlyList<StoredAction>> ReadPlanAsync(string planId, CancellationToken cancellationToken) =>
        [.. (await ReadPlanWithTimesAsync(planId, cancellationToken).ConfigureAwait(false)).Select(a => a.Action)];

    /// <summary>A plan's actions as stored, removed ones included, with when each was last changed.</summary>
    public async Task<IReadOnlyList<TimedAction>> ReadPlanWithTimesAsync(string planId, CancellationToken cancellationToken)
    {
        var actions = new List<TimedAction>();
        await foreach (var row in _actions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(planId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            actions.Add(new TimedAction(Read(row), row.GetDateTimeOffset("UpdatedAt")));
        }

        return actions;
    }

    /// <summary>Every plan's actions as stored, removed ones included, with the plan each belongs to.</summary>
    public async Task<IReadOnlyList<PlannedAction>> ReadAllPlansAsync(CancellationToken cancellationToken)
    {
        var actions = new List<PlannedAction>();
        await foreach (var row in _actions.QueryAsync<TableEntity>(filter: (string?)null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            actions.Add(new PlannedAction(TableKey.Decode(row.PartitionKey), Read(row)));
        }

        return actions;
    }

    /// <summary>One action as stored, or null when the plan has no such action.</summary>
    public async Task<TimedAction?> ReadActionAsync(string planId, string actionKey, CancellationToken cancellationToken)
    {
        var found = await _actions.GetEntityIfExistsAsync<TableEntity>(TableKey.Encode(planId), TableKey.Encode(actionKey), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } row ? new TimedAction(Read(row), row.GetDateTimeOffset("UpdatedAt")) : null;
    }

    /// <summary>
    /// Applies an owner's edit made in the tracker: the audit row (Source <c>tracker</c>) first, then the action's field,
    /// UpdatedAt and UpdatedBy. The audit row's key comes from the edit's own time, so applying the same edit twice
    /// writes the same row.
    /// </summary>
    public async Task ApplyTrackerEditAsync(
        string planId, string actionKey, ActionField field, string? before, string? after, string by, DateTimeOffset at, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (field is not (ActionField.Status or ActionField.LastNote))
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "Only Status and LastNote are edited in the tracker.");
        }

        await _events.UpsertEntityAsync(EventEntity(planId, actionKey, field, before, after, by, at, "tracker"), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        var action = new TableEntity(TableKey.Encode(planId), TableKey.Encode(actionKey))
        {
            [field.ToString()] = after,
            ["UpdatedAt"] = now,
            ["UpdatedBy"] = by,
        };
        // A null field is absent: the merge leaves it as it is.
        await _actions.UpsertEntityAsync(action.WithoutNulls(), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes each change: its audit rows first, then the action, so a delivery that dies in between leaves the audit
    /// complete and the redelivery writes the same audit rows again (their keys come from <paramref name="at"/>, the
    /// version's upload time, not from the clock).
    /// </summary>
    public async Task ApplyAsync(string planId, IReadOnlyList<ActionChange> changes, string by, DateTimeOffset at, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            var events = change.Fields.Select(f => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace, EventEntity(planId, change.ActionKey, f.Field, f.From, f.To, by, at, "import"))).ToList();
            foreach (var chunk in events.Chunk(TableTransactions.MaxOperations))
            {
                await _events.SubmitCheckedAsync(chunk, cancellationToken).ConfigureAwait(false);
            }

            await _actions.UpsertEntityAsync(ToEntity(planId, change.Next, by, now), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TableEntity EventEntity(string planId, string actionKey, ActionField field, string? from, string? to, string by, DateTimeOffset at, string source)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        return new TableEntity(TableKey.Encode($"{planId}_{actionKey}"), $"{inverted}_{field}")
        {
            ["By"] = by,
            ["At"] = at,
            ["Field"] = field.ToString(),
            ["From"] = from,
            ["To"] = to,
            ["Source"] = source,
        }.WithoutNulls();
    }

    private static TableEntity ToEntity(string planId, StoredAction action, string by, DateTimeOffset now)
    {
        var imported = action.Imported;
        return new TableEntity(TableKey.Encode(planId), TableKey.Encode(action.ActionKey))
        {
            ["Priority"] = imported.Priority,
            ["PriorityTitle"] = imported.PriorityTitle,
            ["ActionRef"] = imported.ActionRef,
            ["Title"] = imported.Title,
            ["Status"] = ActionValues.Status(action.Status),
            ["TargetText"] = imported.TargetText,
            ["DueDate"] = imported.DueDate is { } due ? new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            ["Milestones"] = ActionValues.Milestones(imported.Milestones),
            ["Owners"] = ActionValues.JsonArray(imported.Owners),
            ["UnresolvedOwners"] = ActionValues.JsonArray(imported.UnresolvedOwners),
            ["LastNote"] = action.LastNote,
            ["ImportedStatus"] = ActionValues.Status(imported.Status),
            ["ImportedLastNote"] = imported.LastNote,
            ["RemovedFromPlan"] = action.RemovedFromPlan,
            ["RowNumber"] = imported.RowNumber,
            ["UpdatedAt"] = now,
            ["UpdatedBy"] = by,
        }.WithoutNulls();
    }

    private static StoredAction Read(TableEntity row)
    {
        var imported = new PlanAction(
            TableKey.Decode(row.RowKey),
            row.GetString("ActionRef") ?? "",
            row.ReadInt32("Priority") ?? 0,
            row.GetString("PriorityTitle") ?? "",
            row.GetString("Title") ?? "",
            Status(row.GetString("ImportedStatus")),
            row.GetString("ImportedLastNote"),
            row.GetString("TargetText") ?? "",
            row.GetDateTimeOffset("DueDate") is { } due ? DateOnly.FromDateTime(due.UtcDateTime) : null,
            [.. (row.GetString("Milestones") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))],
            JsonSerializer.Deserialize<string[]>(row.GetString("Owners") ?? "[]") ?? [],
            JsonSerializer.Deserialize<string[]>(row.GetString("UnresolvedOwners") ?? "[]") ?? [],
            row.ReadInt32("RowNumber") ?? 0);
        return new StoredAction(imported, Status(row.GetString("Status")), row.GetString("LastNote"), row.GetBoolean("RemovedFromPlan") ?? false);
    }

    private static ActionStatus? Status(string? text) => Enum.TryParse<ActionStatus>(text, out var status) ? status : null;
}
