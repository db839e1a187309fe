using BackOnTrack.Core.Messages;
using System.Text.Json;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Tracker;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.Storage;

namespace BackOnTrack.Application.Tracker;

/// <summary>What one read of the tracker's changes came to.</summary>
/// <param name="Read">False in outbox mode: there was no list to read.</param>
/// <param name="ItemsChanged">Items the delta returned.</param>
/// <param name="Applied">Edits applied to actions.</param>
/// <param name="Rejected">Edits refused and recorded for the digest.</param>
/// <param name="Restarted">True when the kept delta link had expired and the list was read afresh.</param>
public sealed record PullResult(bool Read, int ItemsChanged, int Applied, int Rejected, bool Restarted);

/// <summary>
/// Reads the tracker list's changes since the last run (list-item delta, the delta link kept in TrackerItems) and
/// applies people's edits of Status and LastNote (see <see cref="TrackerEditApplier"/>). Items the hub does not keep
/// are ignored. Each plan whose items held an edit gets a <c>tracker-sync</c> message, so its RAG and UpdatedAt (or a
/// refused value) are put right. The delta link is saved only after every item is handled: a run that dies reads the
/// same changes again, and applying an edit twice changes nothing.
/// </summary>
public sealed partial class PullTrackerEditsUseCase(
    ISharePointTracker sharePoint,
    ITrackerItems items,
    TrackerEditApplier edits,
    ITrackerSyncRequests trackerSync,
    ILogger<PullTrackerEditsUseCase> logger)
{
    public async Task<PullResult> PullAsync(CancellationToken cancellationToken)
    {
        if (!sharePoint.ReadsEdits)
        {
            LogOutboxMode(logger);
            return new PullResult(false, 0, 0, 0, false);
        }

        var list = TrackerLists.Actions;
        var columns = await sharePoint.ResolveColumnsAsync(list, cancellationToken).ConfigureAwait(false);
        var address = sharePoint.ListAddress(list);
        var link = await items.GetDeltaLinkAsync(address, cancellationToken).ConfigureAwait(false);
        var changes = await sharePoint.ReadChangesAsync(columns, link, TrackerEditApplier.EditableColumns, cancellationToken).ConfigureAwait(false);
        int applied = 0, rejected = 0;
        var plansToSync = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in changes.Items)
        {
            if (item.Fields.GetValueOrDefault(list.KeyColumn) is not { } key
                || await items.GetAsync(list.Kind, key, cancellationToken).ConfigureAwait(false) is not { } state)
            {
                continue;
            }

            var readBack = await edits.ReadBackAsync(state, item, cancellationToken).ConfigureAwait(false);
            if (readBack.State != state)
            {
                await items.SaveAsync(readBack.State, cancellationToken).ConfigureAwait(false);
            }

            applied += readBack.Applied;
            rejected += readBack.Rejected;
            if (readBack.NeedsPush && state.PlanId is { } planId)
            {
                plansToSync.Add(planId);
            }
        }

        foreach (var planId in plansToSync)
        {
            await trackerSync.RequestAsync(new TrackerSyncRequest.Plan(planId), cancellationToken).ConfigureAwait(false);
        }

        await items.SaveDeltaLinkAsync(address, changes.DeltaLink, cancellationToken).ConfigureAwait(false);
        LogPulled(logger, changes.Items.Count, applied, rejected, changes.Restarted);
        return new PullResult(true, changes.Items.Count, applied, rejected, changes.Restarted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "M365 is in Outbox mode: there is no SharePoint tracker to read edits from; nothing to do")]
    private static partial void LogOutboxMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracker edits read: {Items} changed item(s), {Applied} edit(s) applied, {Rejected} refused (delta restarted: {Restarted})")]
    private static partial void LogPulled(ILogger logger, int items, int applied, int rejected, bool restarted);
}
