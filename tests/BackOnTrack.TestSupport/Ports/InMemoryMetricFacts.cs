using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Tests.Ports;

/// <summary>
/// The tables ingest writes, in memory, as the metrics read them: the register by year, each school-year's exclusions
/// and attendance (one partition each), and the cohorts' members keyed by cohort and pupil.
/// </summary>
public sealed class InMemoryMetricFacts : IMetricFacts
{
    /// <summary>The schools register: each year's schools by LAESTAB, with their phase and January headcount.</summary>
    public Dictionary<AcademicYear, Dictionary<string, (SchoolPhase Phase, int? Headcount)>> Register { get; } = [];

    public List<(Laestab School, AcademicYear Year, ExclusionFact Exclusion)> Exclusions { get; } = [];

    public List<(Laestab School, AcademicYear Year, PupilAttendance Pupil)> Attendance { get; } = [];

    public List<(string Cohort, string PupilKey, Laestab School, DateOnly StartDate)> CohortMembers { get; } = [];

    /// <summary>Every school-year read, in order: how often a recompute read the data.</summary>
    public List<(Laestab School, AcademicYear Year)> Reads { get; } = [];

    public Task<IReadOnlyDictionary<string, SchoolPhase>> RegisterAsync(AcademicYear year, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, SchoolPhase>>(
            Register.TryGetValue(year, out var schools) ? schools.ToDictionary(s => s.Key, s => s.Value.Phase, StringComparer.Ordinal) : new Dictionary<string, SchoolPhase>());

    public Task<SchoolYearFacts> ReadAsync(Laestab school, AcademicYear year, IReadOnlyDictionary<string, IReadOnlyList<string>> cohortsOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        Reads.Add((school, year));
        (SchoolPhase Phase, int? Headcount)? listed = Register.TryGetValue(year, out var schools) && schools.TryGetValue(school.Value, out var entry) ? entry : null;
        return Task.FromResult(new SchoolYearFacts(
            school,
            year,
            listed?.Phase,
            listed?.Headcount,
            [.. Exclusions.Where(e => e.School == school && e.Year == year).Select(e => e.Exclusion)],
            [.. Attendance.Where(a => a.School == school && a.Year == year).Select(a => a.Pupil)],
            cohortsOf));
    }

    public Task<IReadOnlyDictionary<string, List<(string PupilKey, Laestab School, DateOnly StartDate)>>> CohortMembersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, List<(string PupilKey, Laestab School, DateOnly StartDate)>>>(
            CohortMembers.GroupBy(m => m.Cohort, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(m => (m.PupilKey, m.School, m.StartDate)).ToList(), StringComparer.Ordinal));

    /// <summary>As the table is read: every exclusion and session mark in the school's partitions of the academic years the window touches.</summary>
    public Task<CohortMemberFacts> CohortMemberAsync(string pupilKey, Laestab school, DateOnly startDate, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        var years = new HashSet<AcademicYear>();
        for (var year = AcademicYear.FromDate(from); year.Start < until; year = AcademicYear.StartingIn(year.StartYear + 1))
        {
            years.Add(year);
        }

        return Task.FromResult(new CohortMemberFacts(
            pupilKey,
            school.Value,
            startDate,
            [.. Exclusions.Where(e => e.School == school && years.Contains(e.Year) && e.Exclusion.PupilKey == pupilKey).Select(e => e.Exclusion)],
            [.. Attendance.Where(a => a.School == school && years.Contains(a.Year) && a.Pupil.PupilKey == pupilKey).SelectMany(a => a.Pupil.Marks)]));
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> CohortsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(
            CohortMembers.OrderBy(m => m.Cohort, StringComparer.Ordinal).GroupBy(m => m.PupilKey, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(m => m.Cohort)], StringComparer.Ordinal));
}
