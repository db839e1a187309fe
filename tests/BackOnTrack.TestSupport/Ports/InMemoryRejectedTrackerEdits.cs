using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Tracker;

namespace BackOnTrack.Tests.Ports;

/// <summary>Table RejectedTrackerEdits in memory: one row per edit (its time, action and field), however often recorded.</summary>
public sealed class InMemoryRejectedTrackerEdits : IRejectedTrackerEdits
{
    private readonly Dictionary<(DateTimeOffset EditedAt, string PlanId, string ActionKey, string Field), RejectedTrackerEdit> _edits = [];

    public IReadOnlyCollection<RejectedTrackerEdit> Edits => _edits.Values;

    public Task RecordAsync(RejectedTrackerEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        _edits[(edit.EditedAt, edit.PlanId, edit.ActionKey, edit.Field)] = edit;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RejectedTrackerEdit>> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RejectedTrackerEdit>>([.. _edits.Values.Where(e => e.EditedAt >= since).OrderBy(e => e.EditedAt)]);
}
