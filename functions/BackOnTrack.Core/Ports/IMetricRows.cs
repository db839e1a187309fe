using BackOnTrack.Core.Metrics;

namespace BackOnTrack.Core.Ports;

/// <summary>
/// Table Metrics: each scope's (the LA's or a school's) figures for each academic year, one row per period and
/// breakdown, beside one version row per scope-year that every write is conditional on.
/// </summary>
public interface IMetricRows
{
    /// <summary>The version a writer of the scope-year must hold (read it before the data the rows are computed from).</summary>
    Task<MetricsVersion> ReadVersionAsync(string scope, string academicYear, CancellationToken cancellationToken);

    /// <summary>Replaces the scope-year's rows with <paramref name="rows"/> if nobody wrote it since <paramref name="read"/>.</summary>
    /// <param name="dataAsOf">The latest processing time of the drops the rows were computed from.</param>
    Task<MetricsWriteResult> ReplaceAsync(MetricsVersion read, IReadOnlyList<MetricRow> rows, DateTimeOffset? dataAsOf, CancellationToken cancellationToken);

    /// <summary>The academic years a scope has figures for.</summary>
    Task<IReadOnlyList<string>> YearsAsync(string scope, CancellationToken cancellationToken);

    /// <summary>A scope's rows for one year.</summary>
    Task<IReadOnlyList<MetricRow>> ReadAsync(string scope, string academicYear, CancellationToken cancellationToken);

    /// <summary>A scope's rows for one year and the latest data they were computed from.</summary>
    Task<(IReadOnlyList<MetricRow> Rows, DateTimeOffset? DataAsOf)> ReadWithDataAsOfAsync(string scope, string academicYear, CancellationToken cancellationToken);

    /// <summary>Every school's rows for one year, by school (the LA's own rows left out), and the latest DataAsOf among them.</summary>
    Task<(IReadOnlyDictionary<string, List<MetricRow>> BySchool, DateTimeOffset? DataAsOf)> ReadSchoolsAsync(string academicYear, CancellationToken cancellationToken);
}
