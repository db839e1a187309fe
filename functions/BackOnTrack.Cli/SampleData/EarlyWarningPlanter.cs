using BackOnTrack.Core.Exclusions;

namespace BackOnTrack.Cli.SampleData;

/// <summary>The path through the early-warning rules a planted pupil takes (docs/architecture.md §Early warning).</summary>
public enum EarlyWarningPath
{
    /// <summary>Two suspensions in the autumn with persistent absence: flagged, and permanently excluded in the spring.</summary>
    FlaggedThenExcluded,

    /// <summary>Two suspensions in September after weeks of absence: flagged, then cleared when the first leaves the 90-day window at the end of term.</summary>
    Cleared,

    /// <summary>Absent three days in five and never excluded: severe and persistent absence, no behaviour reason, so flagged only where a setting makes SevereAbsence enough alone.</summary>
    AttendanceAlone,

    /// <summary>Two suspensions in the last weeks of term and every session attended: behaviour only, never flagged.</summary>
    BehaviourOnly,
}

/// <summary>A pupil planted on one path of the early-warning rules, with the dates the path turns on.</summary>
/// <param name="FlaggedFrom">The first as-of date the pupil is flagged (for AttendanceAlone: with SevereAbsence enough alone); null when never.</param>
/// <param name="ClearedFrom">The first as-of date the flag no longer holds, within the last week of the autumn term; null when it holds on.</param>
/// <param name="PermanentlyExcludedOn">The start of the pupil's permanent exclusion; null when none.</param>
public sealed record PlantedEarlyWarning(string Laestab, string Upn, EarlyWarningPath Path, DateOnly? FlaggedFrom, DateOnly? ClearedFrom, DateOnly? PermanentlyExcludedOn);

/// <summary>
/// Plants one pupil on each path of the early-warning rules at one secondary school whose attendance comes as marks
/// (the rules need session marks for C2 and falling attendance; year-to-date absence works from either). The pupils
/// are ones the random draw left without any exclusion, so nothing else touches their story; their exclusions join
/// the school's before its files and the truth are made, so every figure still adds up.
/// </summary>
internal static class EarlyWarningPlanter
{
    public const string Estab = "4001";

    public static (IReadOnlyList<SampleExclusion> Exclusions, IReadOnlyList<(SamplePupil Pupil, PlantedEarlyWarning Story)> Planted) Plant(
        SampleSchool school, SampleTermDates terms, IReadOnlyList<SampleExclusion> drawn)
    {
        if (school.Plan.Estab != Estab)
        {
            return (drawn, []);
        }

        var free = school.Pupils.Where(p => p.OnRollAllYear && drawn.All(e => e.Pupil != p)).ToList();
        SamplePupil InYear(int year) => free.First(p => SamplePupil.YearNumber(p.NcYear) == year);
        var days = school.TeachingDays;
        DateOnly On(DateOnly date) => days.First(d => d >= date);
        DateOnly ByOrBefore(DateOnly date) => days.Last(d => d <= date);
        var end = terms.AutumnEnd;
        var exclusions = drawn.ToList();
        var planted = new List<(SamplePupil, PlantedEarlyWarning)>();

        void Suspend(SamplePupil pupil, params DateOnly[] starts) =>
            exclusions.AddRange(starts.Select(s => new SampleExclusion(pupil, ExclusionCategory.Suspension, s, 2, ["PD"], ExclusionStatus.Stands)));

        // Flagged at the second suspension, five weeks before the end of term; permanently excluded after the census.
        var excluded = InYear(10);
        var (first, second) = (On(end.AddDays(-63)), On(end.AddDays(-35)));
        Suspend(excluded, first, second);
        var permanent = On(terms.CensusDay.AddDays(14));
        exclusions.Add(new SampleExclusion(excluded, ExclusionCategory.Permanent, permanent, null, ["PD", "VA"], ExclusionStatus.Stands));
        planted.Add((excluded, new(school.Laestab, excluded.Upn, EarlyWarningPath.FlaggedThenExcluded, second, null, permanent)));

        // The first suspension leaves the 90-day window in the last week of term.
        var cleared = InYear(8);
        var early = ByOrBefore(end.AddDays(-90));
        var later = On(early.AddDays(14));
        Suspend(cleared, early, later);
        planted.Add((cleared, new(school.Laestab, cleared.Upn, EarlyWarningPath.Cleared, later, early.AddDays(90), null)));

        var absent = InYear(9);
        planted.Add((absent, new(school.Laestab, absent.Upn, EarlyWarningPath.AttendanceAlone, On(terms.AutumnStart.AddDays(14)), null, null)));

        var behaving = InYear(11);
        Suspend(behaving, On(end.AddDays(-50)), On(end.AddDays(-20)));
        planted.Add((behaving, new(school.Laestab, behaving.Upn, EarlyWarningPath.BehaviourOnly, null, null, null)));

        return ([.. exclusions.OrderBy(e => e.Start).ThenBy(e => e.Pupil.Upn, StringComparer.Ordinal)], planted);
    }

    /// <summary>
    /// Rewrites the planted pupils' own marks (school events stay: INSET, suspensions, trips): the excluded pupil misses
    /// every third morning, the cleared one every session until the first suspension, the absent one three days in
    /// five, the one with behaviour only none.
    /// </summary>
    public static void MarkAttendance(SampleRegister register, IReadOnlyList<(SamplePupil Pupil, PlantedEarlyWarning Story)> planted)
    {
        foreach (var (pupil, story) in planted)
        {
            var day = 0;
            var previous = DateOnly.MinValue;
            register.Rewrite(pupil, (session, mark) =>
            {
                if (mark is null or "#" or "E" or "V")
                {
                    return mark;
                }

                if (session.Date != previous)
                {
                    (previous, day) = (session.Date, day + 1);
                }

                var present = session.Session == Core.Attendance.Session.AM ? "/" : "\\";
                return story.Path switch
                {
                    EarlyWarningPath.FlaggedThenExcluded => session.Session == Core.Attendance.Session.AM && day % 3 == 0 ? "O" : present,
                    EarlyWarningPath.Cleared => session.Date < story.FlaggedFrom!.Value.AddDays(-14) ? "O" : present,
                    EarlyWarningPath.AttendanceAlone => day % 5 is 1 or 2 or 4 ? "I" : present,
                    _ => present,
                };
            });
        }
    }
}
