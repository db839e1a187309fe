namespace BackOnTrack.Core.Plans;

/// <summary>An action's progress; the names are the Actions table's Status values (DESIGN §3).</summary>
public enum ActionStatus
{
    NotStarted,
    InProgress,
    Complete,
}
