namespace BackOnTrack.Core.Plans;

/// <summary>The kinds of file the <c>plans</c> container holds; the names are the DataDrops table's Kind values.</summary>
public enum PlanFileKind
{
    /// <summary>The strategy's action plan table (priority headings, then id, Action, Progress updates, Target date, Owner).</summary>
    ActionPlan,

    /// <summary>The owners file: Role, UPN (Email), ObjectId.</summary>
    Owners,
}
