using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.EarlyWarning;

/// <summary>
/// From marks only: attendance over the last N possible sessions at least P points below the rate over the sessions
/// before them (summaries have no session order, so they cannot say when attendance fell).
/// </summary>
public sealed class AttendanceFallingRule(int recentSessions, int baselineSessions, int minimumBaseline, decimal points) : IEarlyWarningRule
{
    public EarlyWarningReason Reason => EarlyWarningReason.AttendanceFalling;

    public ReasonKind Kind => ReasonKind.Attendance;

    public ReasonEvidence? Evaluate(PupilHistory pupil, DateOnly asOf)
    {
        var possible = PossibleMarks.Newest(pupil, asOf);
        if (possible.Count < recentSessions + minimumBaseline)
        {
            return null;
        }

        var recent = possible.Take(recentSessions).ToList();
        var baseline = possible.Skip(recentSessions).Take(baselineSessions).ToList();
        var recentRate = 100m * recent.Count(m => m.IsAttendance) / recent.Count;
        var baselineRate = 100m * baseline.Count(m => m.IsAttendance) / baseline.Count;
        if (baselineRate - recentRate < points)
        {
            return null;
        }

        return new ReasonEvidence(Reason, First: recent[^1].Date, Last: recent[0].Date,
            Percent: Math.Round(recentRate, 1, MidpointRounding.AwayFromZero),
            BaselinePercent: Math.Round(baselineRate, 1, MidpointRounding.AwayFromZero), Sessions: recent.Count + baseline.Count);
    }
}

/// <summary>Overall absence at or above a percentage of possible sessions in the academic year to the as-of date.</summary>
public sealed class AbsenceRateRule(EarlyWarningReason reason, decimal percent) : IEarlyWarningRule
{
    public EarlyWarningReason Reason => reason;

    public ReasonKind Kind => ReasonKind.Attendance;

    public ReasonEvidence? Evaluate(PupilHistory pupil, DateOnly asOf)
    {
        var (possible, absent) = YearToDate(pupil, asOf);
        if (possible == 0 || 100m * absent / possible < percent)
        {
            return null;
        }

        return new ReasonEvidence(Reason, Count: absent, Percent: Window.Percent(absent, possible), Sessions: possible);
    }

    /// <summary>
    /// Marks count where there are any; a summary counts only when it ended by the as-of date and no mark falls in its
    /// period, so the same sessions are never counted twice.
    /// </summary>
    internal static (int Possible, int Absent) YearToDate(PupilHistory pupil, DateOnly asOf)
    {
        var year = AcademicYear.FromDate(asOf);
        var marks = pupil.Marks.Where(m => m.IsPossible && m.Date >= year.Start && m.Date <= asOf).ToList();
        var possible = marks.Count;
        var absent = marks.Count(m => !m.IsAttendance);
        foreach (var summary in pupil.Summaries.Where(s => s.Start >= year.Start && s.End <= asOf))
        {
            if (!pupil.Marks.Any(m => m.Date >= summary.Start && m.Date <= summary.End))
            {
                possible += summary.Possible;
                absent += summary.Authorised + summary.Unauthorised;
            }
        }

        return (possible, absent);
    }
}

/// <summary>
/// Any session coded C2 (leave for a part-time timetable) among the last N possible sessions. C2 exists only in the
/// code set in force from 19 August 2024; an older mark read as C2 means nothing.
/// </summary>
public sealed class PartTimeTimetableRule(int sessions) : IEarlyWarningRule
{
    public EarlyWarningReason Reason => EarlyWarningReason.PartTimeTimetable;

    public ReasonKind Kind => ReasonKind.Attendance;

    public ReasonEvidence? Evaluate(PupilHistory pupil, DateOnly asOf)
    {
        var recent = PossibleMarks.Newest(pupil, asOf).Take(sessions).ToList();
        var partTime = recent.Where(m => m.Code == "C2" && m.Date >= AttendanceCode.CurrentSetFrom).ToList();
        return partTime.Count == 0
            ? null
            : new ReasonEvidence(Reason, Count: partTime.Count, First: partTime[^1].Date, Last: partTime[0].Date, Sessions: recent.Count);
    }
}

internal static class PossibleMarks
{
    /// <summary>Possible sessions up to the as-of date, newest first.</summary>
    public static List<RegisterMark> Newest(PupilHistory pupil, DateOnly asOf) =>
        pupil.Marks.Where(m => m.IsPossible && m.Date <= asOf).OrderByDescending(m => m.Date).ThenByDescending(m => m.Session).ToList();
}
