using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Tracker;
using BackOnTrack.Application.Operations;

namespace BackOnTrack.Application.Tracker;

/// <summary>
/// The current term's returns to the returns list (<c>{"returns":"current"}</c> on <c>tracker-sync</c>): every school of
/// the register, and any other that sent drops in the term the hub's clock is in.
/// </summary>
public sealed partial class SyncReturnsUseCase(ReturnsTrackerUseCase returns, TrackerPusher pusher, ILogger<SyncReturnsUseCase> logger)
{
    public async Task<TrackerSyncResult> SyncAsync(CancellationToken cancellationToken)
    {
        var (year, term) = returns.CurrentTerm();
        var termReturns = await returns.ForTermAsync(year, term, cancellationToken).ConfigureAwait(false);
        var rows = termReturns.Schools.Select(s => new WantedItem(ReturnRows.For(termReturns, s), null, null)).ToList();
        // Keys begin with the school, so every term's states are read; the term's rows pick theirs.
        var result = await pusher.PushAsync(TrackerLists.Returns, rows, "", cancellationToken).ConfigureAwait(false);
        LogSynced(logger, year, term, result.Items, result.Written, result.Unchanged);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracker sync of the returns list for {AcademicYear} {Term}: {Items} item(s), {Written} written, {Unchanged} unchanged")]
    private static partial void LogSynced(ILogger logger, AcademicYear academicYear, Period term, int items, int written, int unchanged);
}
