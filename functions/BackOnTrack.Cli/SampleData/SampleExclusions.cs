using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Exclusions;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Cli.SampleData;

/// <summary>Whether an exclusion stands.</summary>
internal enum ExclusionStatus
{
    Stands,

    /// <summary>A suspension the head withdrew.</summary>
    Withdrawn,

    /// <summary>A permanent exclusion the governors overturned.</summary>
    Rescinded,
}

/// <summary>One exclusion as the school recorded it.</summary>
/// <param name="Sessions">The length in sessions; null for a permanent exclusion.</param>
/// <param name="Reasons">One to three CBDS reason codes.</param>
internal sealed record SampleExclusion(
    SamplePupil Pupil,
    ExclusionCategory Category,
    DateOnly Start,
    int? Sessions,
    IReadOnlyList<string> Reasons,
    ExclusionStatus Status)
{
    /// <summary>True for what DfE counts: a suspension or permanent exclusion that stands (lunchtime ones never count).</summary>
    public bool Counts => Status == ExclusionStatus.Stands && Category != ExclusionCategory.Lunchtime;
}

/// <summary>
/// Draws a school's exclusions for the year from its <see cref="ExclusionPlan"/>: suspensions of half a day to five
/// days on teaching days, never overlapping for one pupil and never crossing the end of a term; permanent exclusions
/// after the census day (so the pupil is still in the headcount) and after the pupil's last suspension; withdrawn
/// suspensions after the autumn term (so the register, which covers autumn only, never shows them as <c>E</c>).
/// </summary>
internal static class SampleExclusions
{
    // Sessions: mostly one or two days, as DfE's duration tables show.
    private static readonly (int Sessions, int Weight)[] Lengths = [(1, 10), (2, 35), (3, 5), (4, 20), (6, 15), (10, 15)];

    private static readonly (string Code, int Weight)[] PrimaryReasons =
        [("PA", 25), ("PP", 20), ("PD", 25), ("VA", 15), ("DM", 10), ("VP", 5)];

    // 2023/24: persistent disruptive behaviour is about half of all suspension reasons (docs/domain.md §Reasons).
    private static readonly (string Code, int Weight)[] SecondaryReasons =
    [
        ("PD", 45), ("VA", 15), ("VP", 8), ("PP", 8), ("PA", 6), ("DM", 4), ("BU", 3), ("OW", 3), ("DA", 3), ("MT", 3),
        ("RA", 1), ("SM", 1),
    ];

    public static IReadOnlyList<SampleExclusion> Draw(SampleSchool school, SampleTermDates terms)
    {
        var plan = school.Plan.Exclusions;
        var random = SampleRandom.For("exclusions " + school.Laestab);
        var days = school.TeachingDays;
        var afterCensus = Enumerable.Range(0, days.Count).Where(i => days[i] > terms.CensusDay).ToList();
        var afterAutumn = Enumerable.Range(0, days.Count).Where(i => days[i] > terms.AutumnEnd).ToList();

        // Suspensions fall on a few pupils, some more than once; exclusions are rare below year 1.
        var candidates = school.Pupils.Where(p => p.OnRollAllYear && SamplePupil.YearNumber(p.NcYear) is >= 1 and <= 11).ToList();
        var suspended = new List<SamplePupil>();
        while (suspended.Count < plan.SuspendedPupils)
        {
            var pupil = random.Pick(candidates);
            if (!suspended.Contains(pupil))
            {
                suspended.Add(pupil);
            }
        }

        var taken = new Dictionary<SamplePupil, List<(int First, int Last)>>();
        var exclusions = new List<SampleExclusion>();
        for (var i = 0; i < plan.Suspensions; i++)
        {
            var pupil = i < suspended.Count ? suspended[i] : random.Pick(suspended);
            exclusions.Add(Suspension(pupil, ExclusionStatus.Stands, Enumerable.Range(0, days.Count).ToList()));
        }

        for (var i = 0; i < plan.WithdrawnSuspensions; i++)
        {
            exclusions.Add(Suspension(random.Pick(suspended), ExclusionStatus.Withdrawn, afterAutumn));
        }

        for (var i = 0; i < plan.Lunchtime; i++)
        {
            exclusions.Add(Exclusion(random.Pick(suspended), ExclusionCategory.Lunchtime, 1, ExclusionStatus.Stands, Enumerable.Range(0, days.Count).ToList()));
        }

        for (var i = 0; i < plan.Permanent + plan.RescindedPermanent; i++)
        {
            var status = i < plan.Permanent ? ExclusionStatus.Stands : ExclusionStatus.Rescinded;
            // Usually the last step after several suspensions, so the pupil has no exclusion after it.
            var pupils = suspended
                .Where(p => !exclusions.Any(e => e.Pupil == p && e.Category == ExclusionCategory.Permanent) && afterCensus[^1] > LastDayTaken(p))
                .ToList();
            var pupil = random.Pick(pupils);
            exclusions.Add(Exclusion(pupil, ExclusionCategory.Permanent, null, status, [.. afterCensus.Where(d => d > LastDayTaken(pupil))]));
        }

        return [.. exclusions.OrderBy(e => e.Start).ThenBy(e => e.Pupil.Upn, StringComparer.Ordinal)];

        SampleExclusion Suspension(SamplePupil pupil, ExclusionStatus status, IReadOnlyList<int> startDays) =>
            Exclusion(pupil, ExclusionCategory.Suspension, random.PickWeighted(Lengths), status, startDays);

        SampleExclusion Exclusion(SamplePupil pupil, ExclusionCategory category, int? sessions, ExclusionStatus status, IReadOnlyList<int> startDays)
        {
            if (!taken.TryGetValue(pupil, out var ranges))
            {
                ranges = [];
                taken[pupil] = ranges;
            }

            // Every exclusion starts at the morning session; it spans whole days of the same term.
            var daysLong = Math.Max(1, ((sessions ?? 1) + 1) / 2);
            var at = random.Next(startDays.Count);
            for (var tries = 0; !Fits(startDays[at], daysLong, ranges); tries++)
            {
                if (tries > startDays.Count)
                {
                    throw new InvalidOperationException($"No room for another exclusion of a pupil at {school.Laestab}.");
                }

                at = (at + 1) % startDays.Count;
            }

            var first = startDays[at];
            ranges.Add((first, first + daysLong - 1));
            return new SampleExclusion(pupil, category, days[first], sessions, Reasons(school.Phase, random), status);
        }

        int LastDayTaken(SamplePupil pupil) => taken[pupil].Max(r => r.Last);

        bool Fits(int first, int daysLong, List<(int First, int Last)> ranges)
        {
            var last = first + daysLong - 1;
            return last < days.Count
                && AcademicCalendar.TermOf(days[first]) == AcademicCalendar.TermOf(days[last])
                && ranges.TrueForAll(r => last < r.First || first > r.Last);
        }
    }

    private static List<string> Reasons(SchoolPhase phase, SampleRandom random)
    {
        var weights = phase == SchoolPhase.Primary ? PrimaryReasons : SecondaryReasons;
        var count = random.PickWeighted<int>([(1, 70), (2, 22), (3, 8)]);
        var reasons = new List<string>();
        while (reasons.Count < count)
        {
            var code = random.PickWeighted(weights);
            if (!reasons.Contains(code))
            {
                reasons.Add(code);
            }
        }

        return reasons;
    }
}
