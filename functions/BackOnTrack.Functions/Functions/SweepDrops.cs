using BackOnTrack.Application.Sweep;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>Timer (every 15 minutes): enqueue blobs the events missed; enforce raw-file retention.</summary>
internal sealed partial class SweepDrops(SweepDropsUseCase sweep, ILogger<SweepDrops> logger)
{
    [Function(nameof(SweepDrops))]
    public async Task RunAsync([TimerTrigger("0 */15 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await sweep.SweepAsync(cancellationToken).ConfigureAwait(false);
        LogSwept(logger, result.BlobsSeen, result.Enqueued, result.RawDeleted, result.QuarantineDeleted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept {BlobsSeen} blobs: {Enqueued} enqueued, {RawDeleted} raw and {QuarantineDeleted} quarantine files deleted past retention")]
    private static partial void LogSwept(ILogger logger, int blobsSeen, int enqueued, int rawDeleted, int quarantineDeleted);
}
