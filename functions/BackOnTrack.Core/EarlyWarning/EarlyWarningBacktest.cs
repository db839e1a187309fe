using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.EarlyWarning;

/// <summary>What the backtest looks back from: permanent exclusions, or suspensions.</summary>
public enum BacktestOutcome
{
    PermanentExclusion,
    Suspension,
}

/// <summary>How often the backtest replays the flags across the year.</summary>
public enum BacktestInterval
{
    /// <summary>The last day of each month, September to July.</summary>
    Monthly,

    /// <summary>Every Friday from the first in September (the weekly recompute's week).</summary>
    Weekly,
}

/// <summary>
/// One rule's record against one outcome over the year. A pupil is <em>caught</em> when the rule held for them at an
/// as-of date at least the lead days before an outcome of theirs in the year; the lead time is from the first as-of date
/// it held to that outcome. A <em>false alarm</em> is a pupil the rule held for who had no outcome after it in the year.
/// </summary>
/// <param name="Rule">A reason's code, or <c>Flag</c> for the flag rule itself.</param>
/// <param name="Pupils">Pupils with the outcome in the year (a permanent exclusion not withdrawn; a suspension not withdrawn).</param>
/// <param name="Caught">Of those, how many the rule held for at least the lead days before.</param>
/// <param name="MedianLeadDays">The median days between the first as-of date the rule held and the outcome, over the caught pupils.</param>
/// <param name="Held">Pupils the rule held for at any as-of date of the year.</param>
/// <param name="HeldThenOutcome">Of those, how many had the outcome after the rule first held (however soon after).</param>
public sealed record BacktestRow(string Rule, int Pupils, int Caught, double? MedianLeadDays, int Held, int HeldThenOutcome)
{
    public int FalseAlarms => Held - HeldThenOutcome;

    /// <summary>Caught ÷ pupils with the outcome (recall): null when no pupil had the outcome.</summary>
    public double? CaughtShare => Pupils == 0 ? null : (double)Caught / Pupils;

    /// <summary>Held-then-outcome ÷ held (precision): null when the rule never held.</summary>
    public double? HitShare => Held == 0 ? null : (double)HeldThenOutcome / Held;
}

/// <summary>The backtest of one academic year: each outcome's rows, one per reason and one for the flag rule (last).</summary>
public sealed record BacktestResult(
    AcademicYear Year,
    int LeadDays,
    IReadOnlyList<DateOnly> AsOfDates,
    int PupilsAssessed,
    IReadOnlyDictionary<BacktestOutcome, IReadOnlyList<BacktestRow>> Outcomes);

/// <summary>
/// Replays the rules over stored histories at a year's as-of dates, as the weekly recompute would have run them, and
/// scores each rule and the flag rule against what happened later in the year. Pure: the caller reads the histories
/// (each school's, so a pupil who moved has one per school; their flags and outcomes are pooled by pupil key).
/// Every rule looks only at records up to its as-of date, so nothing after an as-of date leaks into its flag.
/// </summary>
public static class EarlyWarningBacktest
{
    public const string FlagRule = "Flag";

    /// <summary>The as-of dates of a year at the interval, up to <paramref name="until"/> (the replay cannot look past today).</summary>
    public static IReadOnlyList<DateOnly> AsOfDates(AcademicYear year, BacktestInterval interval, DateOnly until)
    {
        var dates = new List<DateOnly>();
        if (interval == BacktestInterval.Monthly)
        {
            for (var month = new DateOnly(year.StartYear, 9, 1); month <= year.End; month = month.AddMonths(1))
            {
                dates.Add(month.AddMonths(1).AddDays(-1));
            }
        }
        else
        {
            var friday = new DateOnly(year.StartYear, 9, 1);
            while (friday.DayOfWeek != DayOfWeek.Friday)
            {
                friday = friday.AddDays(1);
            }

            for (; friday <= year.End; friday = friday.AddDays(7))
            {
                dates.Add(friday);
            }
        }

        return [.. dates.Where(d => d <= until)];
    }

    public static BacktestResult Run(IEnumerable<PupilHistory> histories, EarlyWarningRules rules, AcademicYear year, IReadOnlyList<DateOnly> asOfDates, int leadDays)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(asOfDates);
        ArgumentOutOfRangeException.ThrowIfNegative(leadDays);
        var names = rules.Rules.Select(r => r.Reason.ToString()).Append(FlagRule).ToArray();
        var pupils = new Dictionary<string, Pupil>(StringComparer.Ordinal);
        foreach (var history in histories)
        {
            if (!pupils.TryGetValue(history.PupilKey, out var pupil))
            {
                pupil = new Pupil(names.Length);
                pupils[history.PupilKey] = pupil;
            }

            foreach (var exclusion in history.Exclusions.Where(e => !e.Withdrawn && year.Contains(e.StartDate)))
            {
                (exclusion.Category == "PERM" ? pupil.Permanent : exclusion.Category == "FIXD" ? pupil.Suspensions : null)?.Add(exclusion.StartDate);
            }

            foreach (var asOf in asOfDates)
            {
                var assessment = rules.Assess(history, asOf);
                foreach (var reason in assessment.Reasons)
                {
                    pupil.Held[Array.IndexOf(names, reason.Reason.ToString())].Add(asOf);
                }

                if (assessment.Flagged)
                {
                    pupil.Held[^1].Add(asOf);
                }
            }
        }

        var outcomes = new Dictionary<BacktestOutcome, IReadOnlyList<BacktestRow>>
        {
            [BacktestOutcome.PermanentExclusion] = Score(pupils.Values, names, p => p.Permanent, leadDays),
            [BacktestOutcome.Suspension] = Score(pupils.Values, names, p => p.Suspensions, leadDays),
        };
        return new BacktestResult(year, leadDays, asOfDates, pupils.Count, outcomes);
    }

    private static List<BacktestRow> Score(IEnumerable<Pupil> pupils, string[] names, Func<Pupil, List<DateOnly>> outcome, int leadDays)
    {
        var all = pupils.ToList();
        var rows = new List<BacktestRow>();
        for (var rule = 0; rule < names.Length; rule++)
        {
            int withOutcome = 0, caught = 0, held = 0, heldThenOutcome = 0;
            var leads = new List<int>();
            foreach (var pupil in all)
            {
                var events = outcome(pupil);
                var dates = pupil.Held[rule];
                withOutcome += events.Count > 0 ? 1 : 0;
                if (dates.Count == 0)
                {
                    continue;
                }

                held++;
                var first = dates.Min();
                heldThenOutcome += events.Any(e => e > first) ? 1 : 0;

                // The first outcome the rule foresaw by the lead days: measured from the first time it held.
                var foreseen = events.Where(e => dates.Any(d => e.DayNumber - d.DayNumber >= leadDays && e > d)).Order().ToList();
                if (foreseen.Count > 0)
                {
                    caught++;
                    leads.Add(foreseen[0].DayNumber - first.DayNumber);
                }
            }

            rows.Add(new BacktestRow(names[rule], withOutcome, caught, Median(leads), held, heldThenOutcome));
        }

        return rows;
    }

    private static double? Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
    }

    private sealed class Pupil(int rules)
    {
        public List<DateOnly>[] Held { get; } = [.. Enumerable.Range(0, rules).Select(_ => new List<DateOnly>())];

        public List<DateOnly> Permanent { get; } = [];

        public List<DateOnly> Suspensions { get; } = [];
    }
}
