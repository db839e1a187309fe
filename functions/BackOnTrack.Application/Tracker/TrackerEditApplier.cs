using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Tracker;
using BackOnTrack.M365.SharePoint;

namespace BackOnTrack.Application.Tracker;

/// <summary>What reading one tracker item back came to.</summary>
/// <param name="State">The hub's state of the item after the read (unchanged when the item held nothing new).</param>
/// <param name="Applied">Edits applied to the action.</param>
/// <param name="Rejected">Edits refused (recorded for the digest).</param>
public sealed record EditReadBack(TrackerItemState State, int Applied, int Rejected)
{
    /// <summary>True when the item holds a person's edit: the tracker needs a push (RAG, UpdatedAt, or undoing a refused value).</summary>
    public bool NeedsPush => Applied + Rejected > 0;
}

/// <summary>
/// Reads a person's edits of Status and LastNote out of a tracker item and applies them to the action (docs/architecture.md §Microsoft 365).
/// The hub's own writes are recognised by their eTag and by the fields the hub last wrote: only a value that differs
/// from what the hub wrote is an edit. A valid edit is applied with an ActionEvents row (Source <c>tracker</c>); an
/// invalid one is not applied and is recorded for the board digest, and the next push puts the action's value back.
/// </summary>
public sealed class TrackerEditApplier(IActionPlans plans, IRejectedTrackerEdits rejected, TimeProvider clock)
{
    /// <summary>The columns an edit is read from.</summary>
    public static IReadOnlyList<string> EditableColumns { get; } = [TrackerLists.Status, TrackerLists.LastNote];

    public async Task<EditReadBack> ReadBackAsync(TrackerItemState state, ListItemState item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(item);
        if (state.PlanId is not { } planId || state.ActionKey is not { } actionKey || state.Fields is not { } written)
        {
            return new EditReadBack(state, 0, 0);
        }

        if (item.ETag is not null && item.ETag == state.ETag)
        {
            return new EditReadBack(state, 0, 0); // The hub's own write.
        }

        var edits = new List<TrackerEdit>();
        foreach (var (column, field) in new[] { (TrackerLists.Status, EditableField.Status), (TrackerLists.LastNote, EditableField.LastNote) })
        {
            var theirs = Blank(item.Fields.GetValueOrDefault(column));
            if (!string.Equals(theirs, Blank(written.GetValueOrDefault(column)), StringComparison.Ordinal))
            {
                edits.Add(new TrackerEdit(field, theirs));
            }
        }

        var seen = state with { ItemId = item.ItemId, ETag = item.ETag };
        // Nothing of the owners' changed (another column was edited), or an edit older than the hub's last write, which
        // that write replaced: a person's edit wins only when made after the hub's last write.
        if (edits.Count == 0 || (item.ModifiedAt is { } modified && state.WrittenAt is { } writtenAt && modified < writtenAt))
        {
            return new EditReadBack(seen, 0, 0);
        }

        var action = (await plans.ReadActionAsync(planId, actionKey, cancellationToken).ConfigureAwait(false))?.Action;
        if (action is null)
        {
            return new EditReadBack(seen, 0, 0);
        }

        var now = clock.GetUtcNow();
        var at = item.ModifiedAt ?? now;
        var by = item.ModifiedBy ?? "SharePoint";
        int applied = 0, refused = 0;
        var fields = new Dictionary<string, string?>(written, StringComparer.Ordinal);
        foreach (var edit in edits)
        {
            var column = edit.Field == EditableField.Status ? TrackerLists.Status : TrackerLists.LastNote;
            var verdict = TrackerEdits.Judge(edit);
            if (!verdict.Accepted)
            {
                await rejected.RecordAsync(new RejectedTrackerEdit(planId, actionKey, edit.Field.ToString(), verdict.Edit.Value, verdict.Reason!, by, at), cancellationToken).ConfigureAwait(false);
                // What the tracker shows now (or, for a value that must not be repeated, a marker), so the next push differs and restores it.
                fields[column] = verdict.Edit.Value ?? "(refused)";
                refused++;
                continue;
            }

            var field = edit.Field == EditableField.Status ? ActionField.Status : ActionField.LastNote;
            var from = action.ValueOf(field);
            if (!string.Equals(from, verdict.StoredValue, StringComparison.Ordinal))
            {
                await plans.ApplyTrackerEditAsync(planId, actionKey, field, from, verdict.StoredValue, by, at, now, cancellationToken).ConfigureAwait(false);
            }

            fields[column] = edit.Value;
            applied++;
        }

        return new EditReadBack(seen with { Fields = fields, Fingerprint = TrackerRow.Fingerprint(fields) }, applied, refused);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
