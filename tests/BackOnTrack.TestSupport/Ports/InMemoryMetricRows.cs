using System.Globalization;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>
/// Table Metrics in memory: each scope-year's rows beside its version, a write replacing them whole only if it holds
/// the version last written (a first write only if there is none), as the table's conditional transaction does.
/// </summary>
public sealed class InMemoryMetricRows : IMetricRows
{
    private const string La = "LA";

    private readonly Dictionary<(string Scope, string AcademicYear), ScopeYear> _stored = [];
    private int _lastVersion;

    /// <summary>Every replace, in order, and what it came to.</summary>
    public List<(string Scope, string AcademicYear, MetricsWriteResult Result)> Replaces { get; } = [];

    /// <summary>
    /// Runs once, when the next replace has been asked for and before it is applied: the moment another writer's write
    /// can land between a writer's read of the version and its own write.
    /// </summary>
    public Func<Task>? BeforeNextReplace { get; set; }

    public Task<MetricsVersion> ReadVersionAsync(string scope, string academicYear, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.TryGetValue((scope, academicYear), out var stored)
            ? new MetricsVersion(scope, academicYear, stored.ETag, stored.Fingerprint)
            : new MetricsVersion(scope, academicYear, null, null));

    public async Task<MetricsWriteResult> ReplaceAsync(MetricsVersion read, IReadOnlyList<MetricRow> rows, DateTimeOffset? dataAsOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(rows);
        if (BeforeNextReplace is { } interleaved)
        {
            BeforeNextReplace = null;
            await interleaved().ConfigureAwait(false);
        }

        var result = Apply(read, rows, dataAsOf);
        Replaces.Add((read.Scope, read.AcademicYear, result));
        return result;
    }

    public Task<IReadOnlyList<string>> YearsAsync(string scope, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. _stored.Keys.Where(k => k.Scope == scope).Select(k => k.AcademicYear).Order(StringComparer.Ordinal)]);

    public Task<IReadOnlyList<MetricRow>> ReadAsync(string scope, string academicYear, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.TryGetValue((scope, academicYear), out var stored) ? stored.Rows : []);

    public Task<(IReadOnlyList<MetricRow> Rows, DateTimeOffset? DataAsOf)> ReadWithDataAsOfAsync(string scope, string academicYear, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.TryGetValue((scope, academicYear), out var stored) ? (stored.Rows, stored.DataAsOf) : ((IReadOnlyList<MetricRow>)[], (DateTimeOffset?)null));

    public Task<(IReadOnlyDictionary<string, List<MetricRow>> BySchool, DateTimeOffset? DataAsOf)> ReadSchoolsAsync(string academicYear, CancellationToken cancellationToken)
    {
        var schools = _stored.Where(s => s.Key.AcademicYear == academicYear && s.Key.Scope != La && s.Value.Rows.Count > 0).ToList();
        IReadOnlyDictionary<string, List<MetricRow>> bySchool = schools.ToDictionary(s => s.Key.Scope, s => s.Value.Rows.ToList(), StringComparer.Ordinal);
        return Task.FromResult((bySchool, schools.Select(s => s.Value.DataAsOf).Max()));
    }

    private MetricsWriteResult Apply(MetricsVersion read, IReadOnlyList<MetricRow> rows, DateTimeOffset? dataAsOf)
    {
        var fingerprint = Fingerprint(rows, dataAsOf);
        if (fingerprint == read.Fingerprint)
        {
            return MetricsWriteResult.Unchanged;
        }

        var key = (read.Scope, read.AcademicYear);
        var current = _stored.GetValueOrDefault(key);
        if (read.ETag is not null && current is null)
        {
            throw new InvalidOperationException($"The version row of {read.Scope} {read.AcademicYear} is gone: the table refuses the update (404).");
        }

        if (current?.ETag != read.ETag)
        {
            return MetricsWriteResult.Conflict;
        }

        _stored[key] = new ScopeYear([.. rows], dataAsOf, fingerprint, string.Create(CultureInfo.InvariantCulture, $"W/\"{++_lastVersion}\""));
        return MetricsWriteResult.Written;
    }

    // What the table's fingerprint covers: each row's key and values, and the DataAsOf every row carries.
    private static string Fingerprint(IReadOnlyList<MetricRow> rows, DateTimeOffset? dataAsOf) =>
        string.Join('|', rows.OrderBy(r => $"{r.Period}_{r.Breakdown}", StringComparer.Ordinal).Select(r => $"{r.Period}_{r.Breakdown}{r.Values}"))
        + "@" + dataAsOf?.UtcTicks.ToString(CultureInfo.InvariantCulture);

    private sealed record ScopeYear(IReadOnlyList<MetricRow> Rows, DateTimeOffset? DataAsOf, string Fingerprint, string ETag);
}
