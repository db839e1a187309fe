using BackOnTrack.Application.BoardPack;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// Timer (05:30 UTC on each of the month's first seven days): on the month's first weekday, the strategy board's pack
/// is rendered and published; on the other days the use case does nothing. Seven firings, not one, because a cron day
/// cannot say "first weekday".
/// </summary>
internal sealed partial class BoardPack(BoardPackUseCase boardPack, ILogger<BoardPack> logger)
{
    [Function(nameof(BoardPack))]
    public async Task RunAsync([TimerTrigger("0 30 5 1-7 * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (await boardPack.RunMonthlyAsync(cancellationToken).ConfigureAwait(false) is { } run)
        {
            LogPublished(logger, run.Month, run.AsOf, run.InSharePoint ? "SharePoint" : "the outbox");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Board pack {Month} (as of {AsOf:yyyy-MM-dd}) published to {Destination}")]
    private static partial void LogPublished(ILogger logger, string month, DateOnly asOf, string destination);
}
