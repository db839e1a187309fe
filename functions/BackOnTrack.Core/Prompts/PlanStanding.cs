using BackOnTrack.Core.Plans;

namespace BackOnTrack.Core.Prompts;

/// <summary>Actions of one priority and how many of them are Complete.</summary>
public sealed record PriorityStanding(int Priority, string Title, int Actions, int Complete);

/// <summary>
/// Where the plan stands on a date, as the board's digest reports it (docs/architecture.md §Microsoft 365): actions by status and by priority,
/// and the open actions due within the window or overdue (earliest first). Actions no longer in their plan are left out.
/// </summary>
public sealed record PlanStanding(
    DateOnly AsOf,
    int Actions,
    IReadOnlyDictionary<ActionStatus, int> ByStatus,
    int WithoutStatus,
    IReadOnlyList<PriorityStanding> ByPriority,
    IReadOnlyList<PlannedAction> Due,
    IReadOnlyList<PlannedAction> Overdue)
{
    public static PlanStanding Of(IEnumerable<PlannedAction> actions, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var current = actions.Where(a => !a.Action.RemovedFromPlan).ToList();
        var byStatus = Enum.GetValues<ActionStatus>().ToDictionary(s => s, s => current.Count(a => a.Action.Status == s));
        var byPriority = current
            .GroupBy(a => a.Action.Imported.Priority)
            .OrderBy(g => g.Key)
            .Select(g => new PriorityStanding(g.Key, g.First().Action.Imported.PriorityTitle, g.Count(), g.Count(a => a.Action.Status == ActionStatus.Complete)))
            .ToList();
        List<PlannedAction> Of(PromptKind kind) =>
        [
            .. current.Where(a => PromptWindow.KindOf(a.Action, asOf) == kind)
                .OrderBy(a => a.Action.Imported.DueDate)
                .ThenBy(a => a.PlanId, StringComparer.Ordinal)
                .ThenBy(a => a.Action.Imported.RowNumber),
        ];
        return new PlanStanding(asOf, current.Count, byStatus, current.Count(a => a.Action.Status is null), byPriority, Of(PromptKind.Due), Of(PromptKind.Overdue));
    }
}
