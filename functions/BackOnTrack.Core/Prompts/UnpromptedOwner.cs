namespace BackOnTrack.Core.Prompts;

/// <summary>An owner of a due or overdue action whom the hub cannot prompt, and why (for the run's report).</summary>
/// <param name="Action">The action.</param>
/// <param name="Owner">The role, or the owner text that matched no role, as written.</param>
/// <param name="Reason">Why nobody can be prompted for it.</param>
public sealed record UnpromptedOwner(PlannedAction Action, string Owner, string Reason);
