using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Core.Ports;

/// <summary>
/// Tables Schools, Exclusions, Attendance and Cohorts, as ingest wrote them, read for the metrics: the schools
/// register, a school-year's exclusions and attendance, and the intervention cohorts' members.
/// </summary>
public interface IMetricFacts
{
    /// <summary>The schools the register lists for a year, with their phases.</summary>
    Task<IReadOnlyDictionary<string, SchoolPhase>> RegisterAsync(AcademicYear year, CancellationToken cancellationToken);

    /// <summary>Everything stored about one school for one year.</summary>
    /// <param name="cohortsOf">Cohort membership by pupil key (<see cref="CohortsAsync"/>), read once for all the schools a recompute reads.</param>
    Task<SchoolYearFacts> ReadAsync(Laestab school, AcademicYear year, IReadOnlyDictionary<string, IReadOnlyList<string>> cohortsOf, CancellationToken cancellationToken);

    /// <summary>The members of each cohort: pupil key, school and start date.</summary>
    Task<IReadOnlyDictionary<string, List<(string PupilKey, Laestab School, DateOnly StartDate)>>> CohortMembersAsync(CancellationToken cancellationToken);

    /// <summary>One pupil's exclusions and session marks at a school from <paramref name="from"/> to <paramref name="until"/> (exclusive).</summary>
    Task<CohortMemberFacts> CohortMemberAsync(string pupilKey, Laestab school, DateOnly startDate, DateOnly from, DateOnly until, CancellationToken cancellationToken);

    /// <summary>Cohort membership by pupil key: the names of the cohorts each pupil is in.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> CohortsAsync(CancellationToken cancellationToken);
}
