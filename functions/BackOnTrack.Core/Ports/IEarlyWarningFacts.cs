using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Ports;

/// <summary>
/// Tables Exclusions and Attendance, read for the early-warning rules: each of a school's pupils' exclusions, session
/// marks (with their register codes) and attendance summaries in the given academic years.
/// </summary>
public interface IEarlyWarningFacts
{
    Task<IReadOnlyList<PupilHistory>> ReadSchoolAsync(Laestab school, IReadOnlyList<AcademicYear> years, CancellationToken cancellationToken);
}
