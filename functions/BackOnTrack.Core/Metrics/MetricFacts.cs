using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Core.Metrics;

/// <summary>Everything stored about one school for one academic year, as the metrics need it.</summary>
/// <param name="Phase">The school's phase from the schools register; null until the register lists it.</param>
/// <param name="Headcount">January census headcount from the register; null until the register lists it.</param>
/// <param name="CohortsOf">The intervention cohorts each pupil (by pupil key) belongs to.</param>
public sealed record SchoolYearFacts(
    Laestab School,
    AcademicYear Year,
    SchoolPhase? Phase,
    int? Headcount,
    IReadOnlyList<ExclusionFact> Exclusions,
    IReadOnlyList<PupilAttendance> Attendance,
    IReadOnlyDictionary<string, IReadOnlyList<string>> CohortsOf);

/// <summary>One stored exclusion. Category is the census code: PERM, FIXD or LNCH.</summary>
public sealed record ExclusionFact(string PupilKey, string Category, DateOnly StartDate, int? Sessions, string NcYear, bool Withdrawn);

/// <summary>One pupil's attendance at the school in the year: session marks and any period summaries.</summary>
public sealed record PupilAttendance(string PupilKey, string NcYear, IReadOnlyList<SessionMark> Marks, IReadOnlyList<AttendanceSummaryFact> Summaries);

/// <summary>How one session counted.</summary>
public readonly record struct SessionMark(DateOnly Date, AttendanceCategory Category);

/// <summary>A school's own counts for a pupil over a period (used only where no marks cover it).</summary>
public sealed record AttendanceSummaryFact(DateOnly Start, DateOnly End, int Possible, int Authorised, int Unauthorised);
