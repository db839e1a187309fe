using BackOnTrack.Core.Plans;

namespace BackOnTrack.Core.Prompts;

/// <summary>An action with the plan it belongs to (the Actions table's PartitionKey).</summary>
public sealed record PlannedAction(string PlanId, StoredAction Action)
{
    public string ActionKey => Action.ActionKey;
}
