using BackOnTrack.Application.Tracker;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>Timer (every 15 minutes): read owners' edits back from the SharePoint tracker (list-item delta).</summary>
internal sealed partial class PullTrackerEdits(PullTrackerEditsUseCase pull, ILogger<PullTrackerEdits> logger)
{
    [Function(nameof(PullTrackerEdits))]
    public async Task RunAsync([TimerTrigger("0 */15 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await pull.PullAsync(cancellationToken).ConfigureAwait(false);
        if (result.Read)
        {
            LogPulled(logger, result.ItemsChanged, result.Applied, result.Rejected, result.Restarted);
        }
        else
        {
            LogOutboxMode(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracker edits: {Changed} changed item(s), {Applied} applied, {Rejected} refused (delta read afresh: {Restarted})")]
    private static partial void LogPulled(ILogger logger, int changed, int applied, int rejected, bool restarted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox mode: no SharePoint tracker to read edits from")]
    private static partial void LogOutboxMode(ILogger logger);
}
