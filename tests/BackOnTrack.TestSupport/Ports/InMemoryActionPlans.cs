using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Prompts;

namespace BackOnTrack.Tests.Ports;

/// <summary>One ActionEvents row: a field's change, who made it, when, and whether from a plan import or the tracker.</summary>
public sealed record ActionEvent(string PlanId, string ActionKey, ActionField Field, string? From, string? To, string By, DateTimeOffset At, string Source);

/// <summary>
/// Tables Owners, Actions and ActionEvents in memory. Audit rows are keyed as storage keys them (the action, the time
/// and the field), so writing the same change twice is one row; each change's audit rows are written before its action.
/// </summary>
public sealed class InMemoryActionPlans : IActionPlans
{
    private readonly Dictionary<(string PlanId, string ActionKey), TimedAction> _actions = [];
    private readonly Dictionary<(string PlanId, string ActionKey, DateTimeOffset At, ActionField Field), ActionEvent> _events = [];

    public List<Owner> Owners { get; } = [];

    public IReadOnlyCollection<ActionEvent> Events => _events.Values;

    /// <summary>When set, writing an action fails (as storage going away would) once this many actions have been written in all.</summary>
    public int? FailAfterActions { get; set; }

    public int ActionsWritten { get; private set; }

    public Task ReplaceOwnersAsync(IReadOnlyList<Owner> owners, CancellationToken cancellationToken)
    {
        Owners.Clear();
        Owners.AddRange(owners);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Owner>> ReadOwnersAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Owner>>([.. Owners]);

    public Task<IReadOnlyList<StoredAction>> ReadPlanAsync(string planId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredAction>>([.. PlanOf(planId).Select(a => a.Action)]);

    public Task<IReadOnlyList<TimedAction>> ReadPlanWithTimesAsync(string planId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TimedAction>>([.. PlanOf(planId)]);

    public Task<IReadOnlyList<PlannedAction>> ReadAllPlansAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PlannedAction>>([.. _actions.Select(a => new PlannedAction(a.Key.PlanId, a.Value.Action))]);

    public Task<TimedAction?> ReadActionAsync(string planId, string actionKey, CancellationToken cancellationToken) =>
        Task.FromResult(_actions.GetValueOrDefault((planId, actionKey)));

    public Task ApplyTrackerEditAsync(
        string planId, string actionKey, ActionField field, string? before, string? after, string by, DateTimeOffset at, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Audit(new ActionEvent(planId, actionKey, field, before, after, by, at, "tracker"));
        if (_actions.TryGetValue((planId, actionKey), out var current))
        {
            var action = field == ActionField.Status
                ? current.Action with { Status = Enum.TryParse<ActionStatus>(after, out var status) ? status : current.Action.Status }
                : current.Action with { LastNote = after ?? current.Action.LastNote };
            _actions[(planId, actionKey)] = new TimedAction(action, now);
        }

        return Task.CompletedTask;
    }

    public Task ApplyAsync(string planId, IReadOnlyList<ActionChange> changes, string by, DateTimeOffset at, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            foreach (var field in change.Fields)
            {
                Audit(new ActionEvent(planId, change.ActionKey, field.Field, field.From, field.To, by, at, "import"));
            }

            if (ActionsWritten >= FailAfterActions)
            {
                throw new IOException("Storage stopped answering.");
            }

            _actions[(planId, change.ActionKey)] = new TimedAction(change.Next, now);
            ActionsWritten++;
        }

        return Task.CompletedTask;
    }

    private IEnumerable<TimedAction> PlanOf(string planId) => _actions.Where(a => a.Key.PlanId == planId).Select(a => a.Value);

    private void Audit(ActionEvent row) => _events[(row.PlanId, row.ActionKey, row.At, row.Field)] = row;
}
