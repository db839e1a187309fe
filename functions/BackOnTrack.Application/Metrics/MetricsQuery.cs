using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Configuration;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Metrics;

/// <summary>One figure of the Metrics API: a period and breakdown with its measures.</summary>
public sealed record Figure(string Period, string Breakdown, MetricValues Values);

/// <summary>The answer of <c>GET /api/metrics/{scope}/{academicYear}</c>.</summary>
public sealed record MetricsAnswer(string Scope, string AcademicYear, DateTimeOffset? DataAsOf, IReadOnlyList<Figure> Figures, IReadOnlyList<BenchmarkFigure> Benchmarks);

/// <summary>Reads a scope's figures for a year with the DfE benchmarks to set beside them.</summary>
public sealed class MetricsQuery(IMetricRows metrics, IBenchmarks benchmarks, IOptions<HubOptions> hub)
{
    /// <summary>The figures, or null when the scope has none for the year.</summary>
    public async Task<MetricsAnswer?> ReadAsync(string scope, AcademicYear year, CancellationToken cancellationToken)
    {
        var (rows, dataAsOf) = await metrics.ReadWithDataAsOfAsync(scope, year.ToString(), cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        var figures = rows
            .OrderBy(r => r.Breakdown == SchoolMetrics.All ? 0 : 1).ThenBy(r => r.Breakdown, StringComparer.Ordinal).ThenBy(r => r.Period, StringComparer.Ordinal)
            .Select(r => new Figure(r.Period, r.Breakdown, r.Values))
            .ToList();
        var comparisons = await benchmarks.ComparisonsAsync(year.ToString(), hub.Value.LocalAuthority, hub.Value.Region, cancellationToken).ConfigureAwait(false);

        // A school is set beside England and the region; the LA's own DfE row (and rank) belongs to the LA's figures.
        return new MetricsAnswer(scope, year.ToString(), dataAsOf, figures, scope == DropLocation.LaScope ? comparisons : [.. comparisons.Where(b => b.Level != "LA")]);
    }
}
