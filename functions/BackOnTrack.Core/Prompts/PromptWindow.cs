using BackOnTrack.Core.Plans;

namespace BackOnTrack.Core.Prompts;

/// <summary>Which actions are due or overdue on a date (docs/architecture.md §Microsoft 365).</summary>
public static class PromptWindow
{
    /// <summary>An action is due from its due date minus this many days (inclusive).</summary>
    public const int DueWithinDays = 14;

    /// <summary>An open action overdue by more than this many days is escalated to the board (docs/architecture.md §Microsoft 365).</summary>
    public const int EscalatedAfterDays = 28;

    /// <summary>True when an action due on <paramref name="dueDate"/> is escalated as of <paramref name="asOf"/>.</summary>
    public static bool IsEscalated(DateOnly dueDate, DateOnly asOf) => asOf.DayNumber - dueDate.DayNumber > EscalatedAfterDays;

    /// <summary>
    /// Due or Overdue for an action that is still open on <paramref name="asOf"/>; null when it is Complete, no longer in
    /// its plan, has no due date, or is due later than the window.
    /// </summary>
    public static PromptKind? KindOf(StoredAction action, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.RemovedFromPlan || action.Status == ActionStatus.Complete || action.Imported.DueDate is not { } due)
        {
            return null;
        }

        if (due < asOf)
        {
            return PromptKind.Overdue;
        }

        return due.DayNumber - asOf.DayNumber <= DueWithinDays ? PromptKind.Due : null;
    }
}
