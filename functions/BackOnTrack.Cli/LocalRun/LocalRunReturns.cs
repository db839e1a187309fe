using BackOnTrack.Cli.Operations.Output;
using BackOnTrack.Application.Operations;

namespace BackOnTrack.Cli.LocalRun;

/// <summary>The returns tracker for the current term (of the run's as-of date), as the run command prints it.</summary>
public static class LocalRunReturns
{
    public static async Task<string> FormatAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var tracker = services.GetRequiredService<ReturnsTrackerUseCase>();
        var (year, term) = tracker.CurrentTerm();
        return ReturnsTable.Format(await tracker.ForTermAsync(year, term, cancellationToken).ConfigureAwait(false));
    }
}
