namespace BackOnTrack.Core.Plans;

/// <summary>
/// An action as the Actions table holds it between imports: what its plan last said, and the values owners may have
/// changed since (Status and LastNote belong to the owners once imported, docs/architecture.md §Microsoft 365). Storage keeps
/// <see cref="Imported"/>'s Status and LastNote beside the current ones (for instance as ImportedStatus and
/// ImportedLastNote), since the plan file itself is deleted after the retention period.
/// </summary>
/// <param name="Imported">The plan's values at the last import; its Status and LastNote are the last ones the plan gave.</param>
/// <param name="Status">The status now (an owner's edit, or the plan's).</param>
/// <param name="LastNote">The note now.</param>
/// <param name="RemovedFromPlan">True when the latest import of the plan no longer had the action.</param>
public sealed record StoredAction(PlanAction Imported, ActionStatus? Status, string? LastNote, bool RemovedFromPlan)
{
    /// <summary>The action's row key.</summary>
    public string ActionKey => Imported.ActionKey;

    /// <summary>An action as its first import stores it.</summary>
    public static StoredAction FirstImport(PlanAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new StoredAction(action, action.Status, action.LastNote, RemovedFromPlan: false);
    }

    /// <summary>A field's current value in its stored text form; RemovedFromPlan is <c>true</c> or <c>false</c>.</summary>
    public string? ValueOf(ActionField field) => field switch
    {
        ActionField.Status => ActionValues.Status(Status),
        ActionField.LastNote => LastNote,
        ActionField.RemovedFromPlan => RemovedFromPlan ? "true" : "false",
        _ => Imported.ValueOf(field),
    };
}
