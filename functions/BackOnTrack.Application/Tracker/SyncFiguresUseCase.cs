using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Tracker;
using BackOnTrack.Application.Configuration;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Tracker;

/// <summary>
/// A scope-year's figures to the figures list (<c>{"figures":…,"academicYear":…}</c> on <c>tracker-sync</c>): the LA's
/// rows in every breakdown, a school's overall rows only, each beside England's and the region's rates; and the scope's
/// early-warning counts by reason and NC-year band (<see cref="EarlyWarningFigureRows"/>), from the EarlyWarnings rows
/// as the last recompute left them (a school's own partition, or every school's for the LA).
/// </summary>
public sealed partial class SyncFiguresUseCase(
    IMetricRows metrics, IBenchmarks benchmarks, IEarlyWarnings earlyWarnings, TrackerPusher pusher, IOptions<HubOptions> hub, ILogger<SyncFiguresUseCase> logger)
{
    public async Task<TrackerSyncResult> SyncAsync(string scope, AcademicYear year, CancellationToken cancellationToken)
    {
        var (metricRows, dataAsOf) = await metrics.ReadWithDataAsOfAsync(scope, year.ToString(), cancellationToken).ConfigureAwait(false);
        var comparisons = await benchmarks.ComparisonsAsync(year.ToString(), hub.Value.LocalAuthority, hub.Value.Region, cancellationToken).ConfigureAwait(false);
        // The LA's rows, every breakdown; a school's overall rows only (docs/architecture.md §Microsoft 365).
        var rows = metricRows
            .Where(r => scope == DropLocation.LaScope || r.Breakdown == SchoolMetrics.All)
            .Select(r => new WantedItem(FigureRows.For(scope, year.ToString(), r, dataAsOf, BenchmarksFor(r, comparisons)), null, null))
            .ToList();
        var warnings = await EarlyWarningsAsync(scope, cancellationToken).ConfigureAwait(false);
        var warningRows = EarlyWarningFigureRows.For(scope, year, warnings);
        rows.AddRange(warningRows.Select(r => new WantedItem(r, null, null)));
        var result = await pusher.PushAsync(TrackerLists.Figures, rows, FigureRows.FigureId(scope, year.ToString(), "", "")[..^2], cancellationToken).ConfigureAwait(false);
        LogSynced(logger, scope, year, result.Items, warningRows.Count, result.Written, result.Unchanged);
        return result;
    }

    private async Task<IEnumerable<EarlyWarningFlag>> EarlyWarningsAsync(string scope, CancellationToken cancellationToken)
    {
        if (scope == DropLocation.LaScope)
        {
            return (await earlyWarnings.ReadAllAsync(cancellationToken).ConfigureAwait(false)).Values.SelectMany(f => f);
        }

        // A school's figures need only its own partition, not the LA's every row.
        return Laestab.TryParse(scope, out var school, out _)
            ? (await earlyWarnings.ReadSchoolAsync(school, cancellationToken).ConfigureAwait(false)).Select(s => s.Flag)
            : [];
    }

    private static FigureBenchmarks BenchmarksFor(MetricRow row, IReadOnlyList<BenchmarkFigure> comparisons)
    {
        var phase = row.Breakdown == SchoolMetrics.All ? "All"
            : row.Breakdown.StartsWith("Phase-", StringComparison.Ordinal) ? row.Breakdown["Phase-".Length..]
            : null;
        if (phase is null)
        {
            return FigureBenchmarks.None;
        }

        var england = comparisons.FirstOrDefault(b => b.Level == "National" && b.Period == row.Period && b.Phase == phase);
        var region = comparisons.FirstOrDefault(b => b.Level == "Region" && b.Period == row.Period && b.Phase == phase);
        return new FigureBenchmarks(england?.Measure("PermExclRate"), england?.Measure("SuspRate"), region?.Measure("PermExclRate"), region?.Measure("SuspRate"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracker sync of the figures list for {Scope} {AcademicYear}: {Items} item(s) ({EarlyWarningItems} of them early-warning counts), {Written} written, {Unchanged} unchanged")]
    private static partial void LogSynced(ILogger logger, string scope, AcademicYear academicYear, int items, int earlyWarningItems, int written, int unchanged);
}
