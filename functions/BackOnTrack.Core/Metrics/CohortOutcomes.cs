using BackOnTrack.Core.Attendance;

namespace BackOnTrack.Core.Metrics;

/// <summary>One cohort member and what the tables hold about them around their start date.</summary>
public sealed record CohortMemberFacts(string PupilKey, string Laestab, DateOnly StartDate, IReadOnlyList<ExclusionFact> Exclusions, IReadOnlyList<SessionMark> Sessions);

/// <summary>A cohort's before/after figures for one scope (a school, or <c>LA</c>), as the Back on Track evaluation reports them.</summary>
public sealed record CohortOutcome(
    string Scope,
    int Pupils,
    int SuspBefore,
    int SuspAfter,
    int SuspSessionsBefore,
    int SuspSessionsAfter,
    double? AttendanceRateBefore,
    double? AttendanceRateAfter,
    int AttendanceCompared,
    int AttendanceImproved)
{
    /// <summary>Change in suspensions, after against before, in percent; null when there were none before.</summary>
    public double? SuspChangePct => SuspBefore == 0 ? null : 100.0 * (SuspAfter - SuspBefore) / SuspBefore;

    /// <summary>Share of the pupils with attendance both before and after whose attendance rate went up.</summary>
    public double? AttendanceImprovedShare => AttendanceCompared == 0 ? null : 100.0 * AttendanceImproved / AttendanceCompared;
}

/// <summary>
/// Before and after an intervention: for each pupil, the 365 days before their start date and the 365 days from it
/// (cut at today, so a recent start has a shorter "after"). Suspensions are FIXD and not withdrawn, counted by start
/// date. Attendance rate is sessions attended (present or approved educational activity) over possible sessions,
/// pooled across the scope's pupils; a pupil's attendance "improved" when their own rate after is higher than before,
/// among pupils with possible sessions in both windows.
/// </summary>
public static class CohortOutcomes
{
    public const int WindowDays = 365;

    /// <summary>One outcome per school with members, and one for the LA (every member).</summary>
    public static IReadOnlyList<CohortOutcome> Compute(IReadOnlyList<CohortMemberFacts> members, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(members);
        var outcomes = members.GroupBy(m => m.Laestab, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Outcome(g.Key, [.. g], today))
            .ToList();
        outcomes.Add(Outcome("LA", members, today));
        return outcomes;
    }

    private static CohortOutcome Outcome(string scope, IReadOnlyList<CohortMemberFacts> members, DateOnly today)
    {
        int suspBefore = 0, suspAfter = 0, sessionsBefore = 0, sessionsAfter = 0, compared = 0, improved = 0;
        long attendedBefore = 0, possibleBefore = 0, attendedAfter = 0, possibleAfter = 0;
        foreach (var member in members)
        {
            var beforeStart = member.StartDate.AddDays(-WindowDays);
            var afterEnd = Min(member.StartDate.AddDays(WindowDays), today.AddDays(1));
            foreach (var suspension in member.Exclusions.Where(e => e.Category == "FIXD" && !e.Withdrawn))
            {
                if (suspension.StartDate >= beforeStart && suspension.StartDate < member.StartDate)
                {
                    suspBefore++;
                    sessionsBefore += suspension.Sessions ?? 0;
                }
                else if (suspension.StartDate >= member.StartDate && suspension.StartDate < afterEnd)
                {
                    suspAfter++;
                    sessionsAfter += suspension.Sessions ?? 0;
                }
            }

            var (attendedB, possibleB) = Attendance(member.Sessions, beforeStart, member.StartDate);
            var (attendedA, possibleA) = Attendance(member.Sessions, member.StartDate, afterEnd);
            attendedBefore += attendedB;
            possibleBefore += possibleB;
            attendedAfter += attendedA;
            possibleAfter += possibleA;
            if (possibleB > 0 && possibleA > 0)
            {
                compared++;

                // attendedA/possibleA > attendedB/possibleB, in whole numbers.
                if (attendedA * possibleB > attendedB * possibleA)
                {
                    improved++;
                }
            }
        }

        return new CohortOutcome(
            scope, members.Count, suspBefore, suspAfter, sessionsBefore, sessionsAfter,
            possibleBefore == 0 ? null : 100.0 * attendedBefore / possibleBefore,
            possibleAfter == 0 ? null : 100.0 * attendedAfter / possibleAfter,
            compared, improved);
    }

    private static (long Attended, long Possible) Attendance(IReadOnlyList<SessionMark> sessions, DateOnly from, DateOnly until)
    {
        long attended = 0, possible = 0;
        foreach (var session in sessions.Where(s => s.Date >= from && s.Date < until && s.Category != AttendanceCategory.NotPossibleSession))
        {
            possible++;
            if (session.Category is AttendanceCategory.Present or AttendanceCategory.ApprovedEducationalActivity)
            {
                attended++;
            }
        }

        return (attended, possible);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
