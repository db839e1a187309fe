using System.Globalization;

namespace BackOnTrack.Core.Plans;

/// <summary>One action as the plan file gives it (the Actions table's plan-owned values, docs/architecture.md §Storage).</summary>
/// <param name="ActionKey">The row key: the id, or the id with <c>-2</c>, <c>-3</c> when the id appeared before.</param>
/// <param name="ActionRef">The id as printed (a trailing full stop dropped).</param>
/// <param name="Priority">The number of the priority heading above the action.</param>
/// <param name="PriorityTitle">That heading's text after its number.</param>
/// <param name="Title">The action text; its paragraphs (a list of sub-steps, say) on separate lines.</param>
/// <param name="Status">The status the progress cell starts with; null when it starts with none (see <see cref="LastNote"/>).</param>
/// <param name="LastNote">The rest of the progress cell after its status, or the whole cell when it names no status; null when empty.</param>
/// <param name="TargetText">The target as written, on one line.</param>
/// <param name="DueDate">The due date read from the target (see <see cref="TargetDates"/>); null when it names no date.</param>
/// <param name="Milestones">The target's other dates, in date order.</param>
/// <param name="Owners">The owners file's roles named in the owner cell, as that file writes them.</param>
/// <param name="UnresolvedOwners">Owner text that matched no role, as written.</param>
/// <param name="RowNumber">The row the action starts on.</param>
public sealed record PlanAction(
    string ActionKey,
    string ActionRef,
    int Priority,
    string PriorityTitle,
    string Title,
    ActionStatus? Status,
    string? LastNote,
    string TargetText,
    DateOnly? DueDate,
    IReadOnlyList<DateOnly> Milestones,
    IReadOnlyList<string> Owners,
    IReadOnlyList<string> UnresolvedOwners,
    int RowNumber)
{
    /// <summary>A field's value in its stored text form (<see cref="ActionValues"/>); null when the action has none.</summary>
    public string? ValueOf(ActionField field) => field switch
    {
        ActionField.Priority => Priority.ToString(CultureInfo.InvariantCulture),
        ActionField.PriorityTitle => PriorityTitle,
        ActionField.ActionRef => ActionRef,
        ActionField.Title => Title,
        ActionField.Status => ActionValues.Status(Status),
        ActionField.TargetText => TargetText,
        ActionField.DueDate => ActionValues.Date(DueDate),
        ActionField.Milestones => ActionValues.Milestones(Milestones),
        ActionField.Owners => ActionValues.JsonArray(Owners),
        ActionField.UnresolvedOwners => ActionValues.JsonArray(UnresolvedOwners),
        ActionField.LastNote => LastNote,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a field the plan file gives."),
    };
}
