using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Tracker;
using BackOnTrack.M365.SharePoint;

namespace BackOnTrack.Application.Tracker;

/// <summary>What one sync pushed.</summary>
/// <param name="Items">Items the hub keeps for the plan, scope-year or term.</param>
/// <param name="Written">Items created or changed in SharePoint (or recorded in the outbox).</param>
/// <param name="Unchanged">Items whose fingerprint matched the last push: nothing sent.</param>
/// <param name="EditsApplied">People's edits met on a 412 and applied before pushing.</param>
public sealed record TrackerSyncResult(int Items, int Written, int Unchanged, int EditsApplied);

/// <summary>An item a sync wants in its list; a tracker item also names its action, whose edits are read back on a conflict.</summary>
public sealed record WantedItem(TrackerRow Row, string? PlanId, string? ActionKey);

/// <summary>
/// Pushes a list's wanted items to SharePoint, for each of the three syncs: only items whose fields changed since the
/// last push (a fingerprint per item in table TrackerItems), creates looked up by their key first so a retried create
/// never duplicates, patches conditional on the item's eTag (412: the item is re-read, a person's edit applied, and the
/// patch made again on the new eTag). Any item that could not be written fails the invocation after the others are
/// saved, so the host's retry sends only what is still missing.
/// </summary>
public sealed partial class TrackerPusher(
    ISharePointTracker sharePoint,
    ITrackerItems items,
    IActionPlans plans,
    TrackerEditApplier edits,
    TimeProvider clock,
    ILogger<TrackerPusher> logger)
{
    /// <summary>
    /// Pushes the list's wanted items: the states the hub keeps under <paramref name="statePrefix"/> tell which changed.
    /// </summary>
    public async Task<TrackerSyncResult> PushAsync(TrackerListDefinition list, IReadOnlyList<WantedItem> wanted, string statePrefix, CancellationToken cancellationToken)
    {
        var columns = await sharePoint.ResolveColumnsAsync(list, cancellationToken).ConfigureAwait(false);
        var states = await items.ReadAsync(list.Kind, statePrefix, cancellationToken).ConfigureAwait(false);
        return await PushAsync(columns, [.. wanted], states, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TrackerSyncResult> PushAsync(ColumnMap columns, List<WantedItem> rows, IReadOnlyDictionary<string, TrackerItemState> states, CancellationToken cancellationToken)
    {
        var list = columns.List.Kind;
        var stateOf = rows.ToDictionary(
            r => r.Row.Key,
            r => states.GetValueOrDefault(r.Row.Key) ?? new TrackerItemState(list, r.Row.Key, r.PlanId, r.ActionKey, null, null, null, null, null),
            StringComparer.Ordinal);
        var changed = rows.Where(r => stateOf[r.Row.Key].Fingerprint != TrackerRow.Fingerprint(r.Row.Fields)).ToList();
        var unchanged = rows.Count - changed.Count;
        if (changed.Count == 0)
        {
            return new TrackerSyncResult(rows.Count, 0, unchanged, 0);
        }

        // A create whose answer was lost (or a state row lost) must not create the item twice: items the hub has no id
        // for are looked up by their key first.
        if (sharePoint.ReadsEdits && changed.Any(r => stateOf[r.Row.Key].ItemId is null))
        {
            var existing = await sharePoint.ListItemsAsync(columns, EditableFor(columns), cancellationToken).ConfigureAwait(false);
            foreach (var row in changed.Where(r => stateOf[r.Row.Key].ItemId is null))
            {
                if (existing.TryGetValue(row.Row.Key, out var found))
                {
                    stateOf[row.Row.Key] = stateOf[row.Row.Key] with { ItemId = found.ItemId, ETag = found.ETag };
                }
            }
        }

        var byKey = changed.ToDictionary(r => r.Row.Key, StringComparer.Ordinal);
        var results = await sharePoint.WriteAsync(columns, [.. changed.Select(r => WriteFor(r, stateOf[r.Row.Key]))], cancellationToken).ConfigureAwait(false);
        var written = 0;
        var applied = 0;
        var failed = new List<ItemWriteResult>();
        var conflicts = new List<ItemWriteResult>();
        foreach (var result in results)
        {
            if (result.Outcome is ItemWriteOutcome.Written or ItemWriteOutcome.Outboxed)
            {
                await SaveWrittenAsync(stateOf[result.Key], byKey[result.Key].Row, result, cancellationToken).ConfigureAwait(false);
                written++;
            }
            else if (result.Outcome == ItemWriteOutcome.Conflict)
            {
                conflicts.Add(result);
            }
            else
            {
                failed.Add(result);
            }
        }

        if (conflicts.Count > 0)
        {
            var (again, editsApplied) = await ReconcileAsync(columns, [.. conflicts.Select(c => byKey[c.Key])], stateOf, cancellationToken).ConfigureAwait(false);
            applied = editsApplied;
            foreach (var (result, row) in again)
            {
                if (result.Outcome == ItemWriteOutcome.Written)
                {
                    await SaveWrittenAsync(stateOf[result.Key], row, result, cancellationToken).ConfigureAwait(false);
                    written++;
                }
                else
                {
                    failed.Add(result);
                }
            }
        }

        if (failed.Count > 0)
        {
            LogFailed(logger, list, failed.Count, failed[0].Status, failed[0].Error);
            throw new TrackerSyncIncompleteException(
                $"{failed.Count} of {rows.Count} {list} item(s) could not be written (first: {failed[0].Status} {failed[0].Error}); the rest were saved and a retry sends only these.");
        }

        return new TrackerSyncResult(rows.Count, written, unchanged, applied);
    }

    /// <summary>
    /// The items that answered 412 or 409: each is read again; on the tracker a person's edit of Status or LastNote
    /// made since the hub's last write wins and is applied first; then the hub's fields are written on the new eTag.
    /// Returns each write's result with the row it wrote.
    /// </summary>
    private async Task<(IReadOnlyList<(ItemWriteResult Result, TrackerRow Row)> Results, int EditsApplied)> ReconcileAsync(
        ColumnMap columns, List<WantedItem> conflicted, Dictionary<string, TrackerItemState> stateOf, CancellationToken cancellationToken)
    {
        var read = EditableFor(columns);
        var found = conflicted.Any(c => stateOf[c.Row.Key].ItemId is null)
            ? await sharePoint.ListItemsAsync(columns, read, cancellationToken).ConfigureAwait(false)
            : new Dictionary<string, ListItemState>();
        var writes = new List<ItemWrite>();
        var rows = new Dictionary<string, TrackerRow>(StringComparer.Ordinal);
        var applied = 0;
        foreach (var wanted in conflicted)
        {
            var state = stateOf[wanted.Row.Key];
            var item = state.ItemId is { } id
                ? await sharePoint.GetItemAsync(columns, id, read, cancellationToken).ConfigureAwait(false)
                : found.GetValueOrDefault(wanted.Row.Key);
            var row = wanted.Row;
            if (item is null)
            {
                // Deleted meanwhile: created afresh.
                stateOf[row.Key] = state with { ItemId = null, ETag = null };
                writes.Add(new ItemWrite(row.Key, null, null, row.Fields, state.Fields is null));
                rows[row.Key] = row;
                continue;
            }

            if (wanted.PlanId is { } planId && wanted.ActionKey is { } actionKey && state.Fields is not null)
            {
                var readBack = await edits.ReadBackAsync(state, item, cancellationToken).ConfigureAwait(false);
                applied += readBack.Applied;
                state = readBack.State;
                if (readBack.Applied > 0 && await plans.ReadActionAsync(planId, actionKey, cancellationToken).ConfigureAwait(false) is { } action)
                {
                    row = ActionRows.For(planId, action.Action, action.UpdatedAt, UkCalendar.Today(clock.GetUtcNow()));
                }
            }

            // The fields as SharePoint now holds them, as far as the hub can tell: what it wrote, updated with what it read.
            var known = new Dictionary<string, string?>(state.Fields ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
            foreach (var (name, value) in item.Fields)
            {
                known[name] = value;
            }

            stateOf[row.Key] = state with { ItemId = item.ItemId, ETag = item.ETag };
            writes.Add(new ItemWrite(row.Key, item.ItemId, item.ETag, row.ChangedSince(state.Fields is null ? null : known), state.Fields is null));
            rows[row.Key] = row;
        }

        var results = await sharePoint.WriteAsync(columns, writes, cancellationToken).ConfigureAwait(false);
        return ([.. results.Select(r => (r, rows[r.Key]))], applied);
    }

    private static ItemWrite WriteFor(WantedItem wanted, TrackerItemState state) =>
        new(wanted.Row.Key, state.ItemId, state.ETag, wanted.Row.ChangedSince(state.ItemId is null ? null : state.Fields), state.Fields is null);

    private async Task SaveWrittenAsync(TrackerItemState state, TrackerRow row, ItemWriteResult result, CancellationToken cancellationToken) =>
        await items.SaveAsync(
            state with
            {
                ItemId = result.ItemId ?? state.ItemId,
                ETag = result.ETag,
                Fields = row.Fields,
                Fingerprint = TrackerRow.Fingerprint(row.Fields),
                WrittenAt = clock.GetUtcNow(),
            },
            cancellationToken).ConfigureAwait(false);

    private static IReadOnlyList<string> EditableFor(ColumnMap columns) =>
        columns.List.Kind == TrackerLists.Actions.Kind ? TrackerEditApplier.EditableColumns : [];

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} {List} item(s) could not be written; first status {Status} {Error}")]
    private static partial void LogFailed(ILogger logger, string list, int failed, int status, string? error);
}

/// <summary>Some items of a sync could not be written; the invocation fails so the host retries it.</summary>
public sealed class TrackerSyncIncompleteException : Exception
{
    public TrackerSyncIncompleteException()
    {
    }

    public TrackerSyncIncompleteException(string message)
        : base(message)
    {
    }

    public TrackerSyncIncompleteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
