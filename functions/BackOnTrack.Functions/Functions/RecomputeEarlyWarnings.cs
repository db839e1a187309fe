using BackOnTrack.Application.EarlyWarning;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// Timer (Mondays 05:00 UTC): every school's early-warning flags recomputed as of today, because the rules' windows move
/// with time even when no file arrives (a drop recomputes its own school at once).
/// </summary>
internal sealed partial class RecomputeEarlyWarnings(RecomputeEarlyWarningsUseCase recompute, ILogger<RecomputeEarlyWarnings> logger)
{
    [Function(nameof(RecomputeEarlyWarnings))]
    public async Task RunAsync([TimerTrigger("0 0 5 * * 1")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await recompute.RecomputeAllAsync(cancellationToken).ConfigureAwait(false);
        LogRecomputed(logger, result.AsOf, result.Schools, result.Pupils, result.Flagged, result.NewlyFlagged, result.Cleared);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Early warnings as of {AsOf:yyyy-MM-dd}: {Schools} schools, {Pupils} pupils assessed, {Flagged} flagged ({NewlyFlagged} new), {Cleared} cleared")]
    private static partial void LogRecomputed(ILogger logger, DateOnly asOf, int schools, int pupils, int flagged, int newlyFlagged, int cleared);
}
