using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Metrics;

/// <summary>
/// A school's figures for one academic year, for each period (AUT, SPR, SUM, YEAR) and breakdown (All, each NC year,
/// each intervention cohort), as DfE defines them:
/// <list type="bullet">
/// <item>exclusions count by start date; withdrawn ones are not counted (withdrawn permanent exclusions are counted
/// apart, in WithdrawnPermExcl); suspensions are FIXD (lunchtime exclusions are
/// not published by DfE and not counted); one-plus-suspension counts distinct pupils;</item>
/// <item>absence covers pupils in NC years 1–11 (compulsory school age), per enrolment: sessions outside possible
/// sessions are left out; a pupil missing 10% or more of their own possible sessions is persistently absent, 50% or
/// more severely;</item>
/// <item>where a pupil has marks in a term, the marks count and any summary for that term is ignored; a summary spanning
/// several terms counts towards the year only, and only when nothing else covers those terms.</item>
/// </list>
/// Headcount (the denominator of exclusion rates) is known for the All breakdown only.
/// </summary>
public static class SchoolMetrics
{
    public const string All = "All";

    public static IReadOnlyList<Period> Periods { get; } = [Period.Autumn, Period.Spring, Period.Summer, Period.Year];

    private static readonly Period[] Terms = [Period.Autumn, Period.Spring, Period.Summer];

    public static IReadOnlyList<MetricRow> Compute(SchoolYearFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var sums = new Dictionary<(Period Period, string Breakdown), Accumulator>();
        Accumulator For(Period period, string breakdown)
        {
            if (!sums.TryGetValue((period, breakdown), out var accumulator))
            {
                accumulator = new Accumulator();
                sums[(period, breakdown)] = accumulator;
            }

            return accumulator;
        }

        foreach (var exclusion in facts.Exclusions.Where(e => facts.Year.Contains(e.StartDate)))
        {
            foreach (var period in new[] { AcademicCalendar.TermOf(exclusion.StartDate), Period.Year })
            {
                foreach (var breakdown in BreakdownsOf(exclusion.PupilKey, exclusion.NcYear, facts))
                {
                    For(period, breakdown).Add(exclusion);
                }
            }
        }

        foreach (var pupil in facts.Attendance.Where(p => IsCompulsorySchoolAge(p.NcYear)))
        {
            foreach (var (period, sessions) in SessionsByPeriod(pupil, facts.Year))
            {
                if (sessions.Possible == 0)
                {
                    continue;
                }

                foreach (var breakdown in BreakdownsOf(pupil.PupilKey, pupil.NcYear, facts))
                {
                    For(period, breakdown).Add(sessions);
                }
            }
        }

        var rows = new List<MetricRow>();
        foreach (var period in Periods)
        {
            rows.Add(new MetricRow(period.ToCode(), All, (sums.GetValueOrDefault((period, All)) ?? new Accumulator()).Values(facts.Headcount)));
        }

        rows.AddRange(sums
            .Where(s => s.Key.Breakdown != All)
            .OrderBy(s => s.Key.Breakdown, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Period)
            .Select(s => new MetricRow(s.Key.Period.ToCode(), s.Key.Breakdown, s.Value.Values(headcount: null))));
        return rows;
    }

    /// <summary>NC years 1–11: DfE's absence statistics cover pupils of compulsory school age (5–15).</summary>
    public static bool IsCompulsorySchoolAge(string ncYear) => int.TryParse(ncYear, out var year) && year is >= 1 and <= 11;

    private static IEnumerable<string> BreakdownsOf(string pupilKey, string ncYear, SchoolYearFacts facts)
    {
        yield return All;
        yield return "NcYear-" + ncYear;
        if (facts.CohortsOf.TryGetValue(pupilKey, out var cohorts))
        {
            foreach (var cohort in cohorts)
            {
                yield return "Cohort-" + cohort;
            }
        }
    }

    internal static Dictionary<Period, Sessions> SessionsByPeriod(PupilAttendance pupil, AcademicYear year)
    {
        var byTerm = Terms.ToDictionary(t => t, _ => new Sessions());
        var marked = new HashSet<Period>();
        foreach (var mark in pupil.Marks.Where(m => year.Contains(m.Date)))
        {
            var term = AcademicCalendar.TermOf(mark.Date);
            marked.Add(term);
            byTerm[term] = byTerm[term].Add(mark.Category);
        }

        var summarised = new HashSet<Period>();
        var spanning = new List<AttendanceSummaryFact>();
        foreach (var summary in pupil.Summaries.Where(s => year.Contains(s.Start)))
        {
            var first = AcademicCalendar.TermOf(summary.Start);
            if (first != AcademicCalendar.TermOf(summary.End))
            {
                spanning.Add(summary);
            }
            else if (!marked.Contains(first))
            {
                summarised.Add(first);
                byTerm[first] = byTerm[first].Add(summary);
            }
        }

        var wholeYear = byTerm.Values.Aggregate(new Sessions(), (total, term) => total + term);
        foreach (var summary in spanning)
        {
            var covered = Terms.Where(t => Overlaps(year, t, summary));
            if (!covered.Any(t => marked.Contains(t) || summarised.Contains(t)))
            {
                wholeYear = wholeYear.Add(summary);
            }
        }

        var result = new Dictionary<Period, Sessions>(byTerm) { [Period.Year] = wholeYear };
        return result;
    }

    private static bool Overlaps(AcademicYear year, Period term, AttendanceSummaryFact summary)
    {
        var (start, end) = AcademicCalendar.DatesOf(year, term);
        return summary.Start <= end && summary.End >= start;
    }

    /// <summary>One enrolment's session counts over a period.</summary>
    internal readonly record struct Sessions(long Possible, long Authorised, long Unauthorised)
    {
        public long Absent => Authorised + Unauthorised;

        public Sessions Add(AttendanceCategory category) => category switch
        {
            AttendanceCategory.NotPossibleSession => this,
            AttendanceCategory.AuthorisedAbsence => this with { Possible = Possible + 1, Authorised = Authorised + 1 },
            AttendanceCategory.UnauthorisedAbsence => this with { Possible = Possible + 1, Unauthorised = Unauthorised + 1 },
            _ => this with { Possible = Possible + 1 },
        };

        public Sessions Add(AttendanceSummaryFact summary) =>
            new(Possible + summary.Possible, Authorised + summary.Authorised, Unauthorised + summary.Unauthorised);

        public static Sessions operator +(Sessions left, Sessions right) =>
            new(left.Possible + right.Possible, left.Authorised + right.Authorised, left.Unauthorised + right.Unauthorised);
    }

    private sealed class Accumulator
    {
        private readonly HashSet<string> _suspended = new(StringComparer.Ordinal);
        private int _perm;
        private int _withdrawnPerm;
        private int _susp;
        private int _suspSessions;
        private int _enrolments;
        private long _possible;
        private long _authorised;
        private long _unauthorised;
        private int _persistent;
        private int _severe;

        public void Add(ExclusionFact exclusion)
        {
            if (exclusion.Withdrawn)
            {
                if (exclusion.Category == "PERM")
                {
                    _withdrawnPerm++;
                }

                return;
            }

            switch (exclusion.Category)
            {
                case "PERM":
                    _perm++;
                    break;
                case "FIXD":
                    _susp++;
                    _suspSessions += exclusion.Sessions ?? 0;
                    _suspended.Add(exclusion.PupilKey);
                    break;
                default:
                    break;
            }
        }

        public void Add(Sessions sessions)
        {
            _enrolments++;
            _possible += sessions.Possible;
            _authorised += sessions.Authorised;
            _unauthorised += sessions.Unauthorised;

            // Whole-number comparisons, so exactly 10% (or 50%) counts without floating-point doubt.
            if (sessions.Absent * 10 >= sessions.Possible)
            {
                _persistent++;
            }

            if (sessions.Absent * 2 >= sessions.Possible)
            {
                _severe++;
            }
        }

        public MetricValues Values(int? headcount) => new()
        {
            Headcount = headcount,
            PermExcl = _perm,
            WithdrawnPermExcl = _withdrawnPerm,
            Susp = _susp,
            OnePlusSusp = _suspended.Count,
            SuspSessions = _suspSessions,
            Enrolments = _enrolments,
            PossibleSessions = _possible,
            AuthorisedSessions = _authorised,
            UnauthorisedSessions = _unauthorised,
            PersistentAbsentees = _persistent,
            SevereAbsentees = _severe,
        };
    }
}
