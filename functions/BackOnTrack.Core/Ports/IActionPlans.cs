using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Prompts;

namespace BackOnTrack.Core.Ports;

/// <summary>
/// Tables Owners, Actions and ActionEvents: the owners directory (role, UPN, object id), each plan's actions as the
/// hub keeps them (the plan's own last values beside the owners' edits), and the audit trail of every change to them.
/// </summary>
public interface IActionPlans
{
    /// <summary>Replaces the owners directory: every role in the file, no other.</summary>
    Task ReplaceOwnersAsync(IReadOnlyList<Owner> owners, CancellationToken cancellationToken);

    Task<IReadOnlyList<Owner>> ReadOwnersAsync(CancellationToken cancellationToken);

    /// <summary>A plan's actions as stored, removed ones included.</summary>
    Task<IReadOnlyList<StoredAction>> ReadPlanAsync(string planId, CancellationToken cancellationToken);

    /// <summary>A plan's actions as stored, removed ones included, with when each was last changed.</summary>
    Task<IReadOnlyList<TimedAction>> ReadPlanWithTimesAsync(string planId, CancellationToken cancellationToken);

    /// <summary>Every plan's actions as stored, removed ones included, with the plan each belongs to.</summary>
    Task<IReadOnlyList<PlannedAction>> ReadAllPlansAsync(CancellationToken cancellationToken);

    /// <summary>One action as stored, or null when the plan has no such action.</summary>
    Task<TimedAction?> ReadActionAsync(string planId, string actionKey, CancellationToken cancellationToken);

    /// <summary>
    /// Applies an owner's edit made in the tracker (Status or LastNote): its audit row first, then the action. Applying
    /// the same edit twice writes the same rows.
    /// </summary>
    Task ApplyTrackerEditAsync(
        string planId, string actionKey, ActionField field, string? before, string? after, string by, DateTimeOffset at, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Writes each change of a plan import: its audit rows first, then the action. The audit rows' keys come from
    /// <paramref name="at"/> (the version's upload time), so a redelivery writes the same rows again.
    /// </summary>
    Task ApplyAsync(string planId, IReadOnlyList<ActionChange> changes, string by, DateTimeOffset at, DateTimeOffset now, CancellationToken cancellationToken);
}
