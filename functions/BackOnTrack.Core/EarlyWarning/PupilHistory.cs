using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Metrics;

namespace BackOnTrack.Core.EarlyWarning;

/// <summary>
/// What the hub holds about one pupil (by pupil key, so across every school they attended): exclusions, session marks
/// and period summaries.
/// </summary>
public sealed record PupilHistory(
    string PupilKey,
    string NcYear,
    IReadOnlyList<ExclusionFact> Exclusions,
    IReadOnlyList<RegisterMark> Marks,
    IReadOnlyList<AttendanceSummaryFact> Summaries);

/// <summary>One session's register mark: the code is kept because a part-time timetable shows only in it (C2).</summary>
public readonly record struct RegisterMark(DateOnly Date, Session Session, string Code, AttendanceCategory Category)
{
    public bool IsPossible => Category != AttendanceCategory.NotPossibleSession;

    /// <summary>A suspended pupil's E session is authorised absence, never attendance (DfE's rule).</summary>
    public bool IsAttendance => Category is AttendanceCategory.Present or AttendanceCategory.ApprovedEducationalActivity;
}

/// <summary>
/// The figures behind one reason. Count and the dates are for exclusion reasons; the rates (percent) and sessions for
/// attendance reasons; PreviousCount and BaselinePercent hold what the recent figure was compared with.
/// </summary>
public sealed record ReasonEvidence(
    EarlyWarningReason Reason,
    int? Count = null,
    int? PreviousCount = null,
    DateOnly? First = null,
    DateOnly? Last = null,
    decimal? Percent = null,
    decimal? BaselinePercent = null,
    int? Sessions = null);

/// <summary>One pupil's result as of a date: every reason that holds, and whether the flag rule flags them.</summary>
public sealed record EarlyWarningAssessment(string PupilKey, string NcYear, bool Flagged, IReadOnlyList<ReasonEvidence> Reasons);
