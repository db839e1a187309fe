using System.Globalization;
using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Metrics;
using BackOnTrack.M365.Digest;

namespace BackOnTrack.Application.Prompts;

/// <summary>
/// The digest's headline figures: the LA's latest academic year with figures (all phases, §Storage of docs/architecture.md LA <c>All</c>),
/// exclusion rates for the full year and absence for the full year or, mid-year, the latest term with attendance,
/// each beside England's rate when DfE's figures for that year are loaded.
/// </summary>
public static class DigestHeadlines
{
    private static readonly string[] TermsLatestFirst = ["YEAR", "SUM", "SPR", "AUT"];

    public static IReadOnlyList<DigestFigure> From(string academicYear, IReadOnlyList<MetricRow> laRows, IReadOnlyList<BenchmarkFigure> benchmarks)
    {
        ArgumentNullException.ThrowIfNull(laRows);
        ArgumentNullException.ThrowIfNull(benchmarks);
        var all = laRows.Where(r => r.Breakdown == SchoolMetrics.All).ToList();
        var figures = new List<DigestFigure>();
        if (all.FirstOrDefault(r => r.Period == "YEAR") is { Values.Headcount: > 0 } year)
        {
            figures.Add(Figure($"Permanent exclusion rate {academicYear}", year.Values.PermExclRate, England("YEAR", "PermExclRate")));
            figures.Add(Figure($"Suspension rate {academicYear}", year.Values.SuspRate, England("YEAR", "SuspRate")));
        }

        if (TermsLatestFirst.Select(p => all.FirstOrDefault(r => r.Period == p)).FirstOrDefault(r => r is { Values.PossibleSessions: > 0 }) is { } absence)
        {
            var when = absence.Period == "YEAR" ? academicYear : $"{academicYear} {absence.Period}";
            figures.Add(Figure($"Overall absence {when}", absence.Values.OverallAbsenceRate, England(absence.Period, "OverallAbsenceRate")));
            figures.Add(Figure($"Persistent absence {when}", absence.Values.PersistentAbsenceRate, England(absence.Period, "PersistentAbsenceRate")));
        }

        return figures;

        double? England(string period, string measure) =>
            benchmarks.FirstOrDefault(b => b.Level == "National" && b.Period == period && b.Phase == "All")?.Measure(measure);
    }

    private static DigestFigure Figure(string label, double? rate, double? england)
    {
        var value = rate is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";
        return new DigestFigure(label, england is { } e ? string.Create(CultureInfo.InvariantCulture, $"{value} (England {e:0.00}%)") : value);
    }
}
