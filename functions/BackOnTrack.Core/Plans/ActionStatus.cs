namespace BackOnTrack.Core.Plans;

/// <summary>An action's progress; the names are the Actions table's Status values (docs/architecture.md §Storage).</summary>
public enum ActionStatus
{
    NotStarted,
    InProgress,
    Complete,
}
