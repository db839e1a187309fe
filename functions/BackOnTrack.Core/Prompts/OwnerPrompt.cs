using BackOnTrack.Core.Plans;

namespace BackOnTrack.Core.Prompts;

/// <summary>One person to prompt about one action, for every role of theirs the action names.</summary>
/// <param name="Action">The action.</param>
/// <param name="Kind">Due or overdue.</param>
/// <param name="Person">Who holds the role(s): their UPN and, when known, their object id.</param>
/// <param name="Roles">The action's roles this person holds, as the owners file writes them.</param>
public sealed record OwnerPrompt(PlannedAction Action, PromptKind Kind, Owner Person, IReadOnlyList<string> Roles)
{
    /// <summary>
    /// What the weekly ledger remembers: the plan, the action and the person (UPNs compare ignoring case), so a rerun
    /// in the same week, or a retry, prompts nobody twice about the same action.
    /// </summary>
    public string LedgerKey => $"{Action.PlanId}/{Action.ActionKey}/{Person.Upn.Trim().ToUpperInvariant()}";

    public DateOnly DueDate => Action.Action.Imported.DueDate!.Value;
}
