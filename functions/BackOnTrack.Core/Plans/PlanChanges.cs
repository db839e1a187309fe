namespace BackOnTrack.Core.Plans;

/// <summary>
/// What a re-import of a plan changes (docs/architecture.md §Storage, §Microsoft 365): the plan's actions against what the Actions table holds for
/// that plan. Every change is a field's from → to, for an ActionEvents row with Source <c>import</c>.
/// </summary>
/// <remarks>
/// <para>Plan-owned fields (priority, title, target, due date, milestones, owners) take the plan file's values.</para>
/// <para>Status and LastNote belong to the owners once imported: the plan changes one only where its value differs
/// from what the plan said at the previous import, so an owner's edit survives a re-upload of an unchanged plan. A
/// plan that says nothing (no status it can read, no note) never clears an owner's value, and the last thing it did
/// say is kept for the next comparison.</para>
/// <para>An action missing from the new file is kept and marked RemovedFromPlan rather than deleted: a revised plan
/// that drops an action, or a wrong file uploaded under the plan's name, then loses no owner's status or note, and
/// the action comes back with them if a later file has it again. Consumers leave removed actions out of prompts and
/// the digest.</para>
/// </remarks>
public static class PlanChanges
{
    private static readonly ActionField[] AllFields = Enum.GetValues<ActionField>();

    /// <summary>The changes that bring the stored actions of one plan in line with a new import of it.</summary>
    /// <param name="stored">The plan's actions as stored, removed ones included; empty for a plan's first import.</param>
    /// <param name="incoming">The new file's actions (<see cref="PlanImport.Actions"/>).</param>
    /// <returns>One entry per action to write, in file order, then removed actions; unchanged actions are left out.</returns>
    /// <exception cref="ArgumentException">Two stored actions, or two incoming ones, share a key.</exception>
    public static IReadOnlyList<ActionChange> Compute(IReadOnlyList<StoredAction> stored, IReadOnlyList<PlanAction> incoming)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        var storedByKey = ByKey(stored, s => s.ActionKey, nameof(stored));
        var incomingKeys = ByKey(incoming, a => a.ActionKey, nameof(incoming));
        var changes = new List<ActionChange>();
        foreach (var action in incoming)
        {
            var change = storedByKey.TryGetValue(action.ActionKey, out var current) ? Update(current, action) : Add(action);
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        foreach (var current in stored.Where(s => !s.RemovedFromPlan && !incomingKeys.ContainsKey(s.ActionKey)))
        {
            changes.Add(new ActionChange(
                current.ActionKey,
                ActionChangeKind.Removed,
                current with { RemovedFromPlan = true },
                [new FieldChange(ActionField.RemovedFromPlan, "false", "true")]));
        }

        return changes;
    }

    private static ActionChange Add(PlanAction action)
    {
        var next = StoredAction.FirstImport(action);
        var fields = AllFields.Where(f => f != ActionField.RemovedFromPlan)
            .Select(f => new FieldChange(f, null, next.ValueOf(f)))
            .Where(c => c.To is not null)
            .ToList();
        return new ActionChange(action.ActionKey, ActionChangeKind.Added, next, fields);
    }

    private static ActionChange? Update(StoredAction current, PlanAction action)
    {
        var previous = current.Imported;
        var remembered = action with
        {
            Status = action.Status ?? previous.Status,
            LastNote = action.LastNote ?? previous.LastNote,
        };
        var next = new StoredAction(
            remembered,
            remembered.Status != previous.Status ? remembered.Status : current.Status,
            !string.Equals(remembered.LastNote, previous.LastNote, StringComparison.Ordinal) ? remembered.LastNote : current.LastNote,
            RemovedFromPlan: false);
        var fields = Changed(current.ValueOf, next.ValueOf, AllFields);

        // A plan value that moved to what an owner had already set changes nothing shown, but the row must still
        // remember it, or the next import would compare against the old value.
        var importedChanged = Changed(previous.ValueOf, remembered.ValueOf, AllFields.Where(f => f != ActionField.RemovedFromPlan)).Count > 0;
        return fields.Count == 0 && !importedChanged ? null : new ActionChange(action.ActionKey, ActionChangeKind.Updated, next, fields);
    }

    private static List<FieldChange> Changed(Func<ActionField, string?> before, Func<ActionField, string?> after, IEnumerable<ActionField> fields) =>
        fields.Select(f => new FieldChange(f, before(f), after(f)))
            .Where(c => !string.Equals(c.From, c.To, StringComparison.Ordinal))
            .ToList();

    private static Dictionary<string, T> ByKey<T>(IReadOnlyList<T> actions, Func<T, string> key, string parameter)
    {
        var byKey = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (!byKey.TryAdd(key(action), action))
            {
                throw new ArgumentException($"Two actions share the key '{key(action)}'.", parameter);
            }
        }

        return byKey;
    }
}

/// <summary>One action's change from an import.</summary>
/// <param name="ActionKey">The action's row key.</param>
/// <param name="Kind">Added, updated or removed from the plan.</param>
/// <param name="Next">What to store for the action now.</param>
/// <param name="Fields">
/// The field changes to record in ActionEvents (Source <c>import</c>). For an added action, each field with a value
/// (from null). Empty for an update that changes only what the plan is remembered to have said (its status moved to
/// the one an owner had already set): <see cref="Next"/> must still be stored, but nothing shown has changed.
/// </param>
public sealed record ActionChange(string ActionKey, ActionChangeKind Kind, StoredAction Next, IReadOnlyList<FieldChange> Fields);

/// <summary>How an import changes an action.</summary>
public enum ActionChangeKind
{
    /// <summary>New in this plan: stored for the first time.</summary>
    Added,

    /// <summary>In the plan before and now, with some value changed (or brought back after being removed).</summary>
    Updated,

    /// <summary>In the plan before, missing now: kept, marked RemovedFromPlan.</summary>
    Removed,
}

/// <summary>One field's change, in the stored text forms of <see cref="ActionValues"/> (null: no value).</summary>
public sealed record FieldChange(ActionField Field, string? From, string? To);
