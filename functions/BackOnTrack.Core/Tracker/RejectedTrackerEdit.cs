namespace BackOnTrack.Core.Tracker;

/// <summary>An edit made in the tracker that the hub did not apply, and why (for the board digest, docs/architecture.md §Microsoft 365).</summary>
/// <param name="PlanId">The action's plan.</param>
/// <param name="ActionKey">The action's key.</param>
/// <param name="Field">The field edited (<c>Status</c> or <c>LastNote</c>).</param>
/// <param name="Value">The value entered, shortened; null when it cannot be repeated (it looked like pupil data).</param>
/// <param name="Reason">Why it was not applied, in words for the board.</param>
/// <param name="EditedBy">Who made the edit (their email, or name), as SharePoint reports it.</param>
/// <param name="EditedAt">When the edit was made.</param>
public sealed record RejectedTrackerEdit(string PlanId, string ActionKey, string Field, string? Value, string Reason, string? EditedBy, DateTimeOffset EditedAt);
