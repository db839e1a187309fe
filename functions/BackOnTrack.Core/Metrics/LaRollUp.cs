using BackOnTrack.Core.Schools;

namespace BackOnTrack.Core.Metrics;

/// <summary>One school's rows, with the phase the register gives it (null when the register does not list it yet).</summary>
public sealed record SchoolRows(string Laestab, SchoolPhase? Phase, IReadOnlyList<MetricRow> Rows);

/// <summary>
/// The LA's figures as sums of its schools' (pupil counts are per school enrolment, as DfE's are). <c>All</c> is primary +
/// secondary + special, like DfE's "Total"; alternative provision appears only under its own phase; NC-year rows sum the
/// same schools as <c>All</c>; cohort rows sum every school, alternative provision included, because an intervention
/// cohort is followed wherever its pupils are. A school the register does not list for the year is left out until it does.
/// </summary>
public static class LaRollUp
{
    public static IReadOnlyList<MetricRow> Sum(IEnumerable<SchoolRows> schools)
    {
        ArgumentNullException.ThrowIfNull(schools);
        var sums = new Dictionary<(string Period, string Breakdown), MetricValues>();
        void Add(string period, string breakdown, MetricValues values) =>
            sums[(period, breakdown)] = sums.TryGetValue((period, breakdown), out var sum) ? sum.Plus(values) : values;

        foreach (var school in schools.Where(s => s.Phase is not null))
        {
            var inTotal = school.Phase is not SchoolPhase.AlternativeProvision;
            foreach (var row in school.Rows)
            {
                if (row.Breakdown == SchoolMetrics.All)
                {
                    Add(row.Period, "Phase-" + school.Phase, row.Values);
                    if (inTotal)
                    {
                        Add(row.Period, SchoolMetrics.All, row.Values);
                    }
                }
                else if (row.Breakdown.StartsWith("Cohort-", StringComparison.Ordinal) || inTotal)
                {
                    Add(row.Period, row.Breakdown, row.Values);
                }
            }
        }

        return [.. sums
            .OrderBy(s => s.Key.Breakdown == SchoolMetrics.All ? 0 : 1)
            .ThenBy(s => s.Key.Breakdown, StringComparer.Ordinal)
            .ThenBy(s => PeriodOrder(s.Key.Period))
            .Select(s => new MetricRow(s.Key.Period, s.Key.Breakdown, s.Value))];
    }

    private static int PeriodOrder(string period) => period switch
    {
        "AUT" => 0,
        "SPR" => 1,
        "SUM" => 2,
        _ => 3,
    };
}
