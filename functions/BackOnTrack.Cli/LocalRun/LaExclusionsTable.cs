using System.Globalization;
using System.Text;
using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Metrics;

namespace BackOnTrack.Cli.LocalRun;

/// <summary>
/// The table the strategy board reads (the shape of the strategy's own: year × total / secondary / primary): the LA's
/// permanent exclusions and suspensions with their rates, and beside them DfE's national and regional rates and the
/// LA's rank when DfE's figures for the year are loaded.
/// </summary>
public static class LaExclusionsTable
{
    public sealed record Year(string AcademicYear, IReadOnlyList<MetricRow> Rows, IReadOnlyList<BenchmarkFigure> Benchmarks);

    public static string Format(IReadOnlyList<Year> years)
    {
        if (years.Count == 0)
        {
            return "No LA figures yet: they appear once drops have been processed and the schools register is in.";
        }

        var text = new StringBuilder()
            .AppendLine("The LA's exclusions (full year; count, and rate per 100 pupils on the January census):")
            .AppendLine(CultureInfo.InvariantCulture, $"{"year",-9} {"measure",-26} {"Total",16} {"Secondary",16} {"Primary",16}");
        foreach (var year in years.OrderBy(y => y.AcademicYear, StringComparer.Ordinal))
        {
            MetricValues? Of(string breakdown) => year.Rows.FirstOrDefault(r => r.Period == "YEAR" && r.Breakdown == breakdown)?.Values;
            var (total, secondary, primary) = (Of(SchoolMetrics.All), Of("Phase-Secondary"), Of("Phase-Primary"));
            Line(text, year.AcademicYear, "permanent exclusions", total, secondary, primary, v => v.PermExcl, v => v.PermExclRate);
            Line(text, "", "suspensions", total, secondary, primary, v => v.Susp, v => v.SuspRate);
            Line(text, "", "pupils with a suspension", total, secondary, primary, v => v.OnePlusSusp, v => v.OnePlusSuspRate);
            text.AppendLine(Beside(year));
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string year, string measure, MetricValues? total, MetricValues? secondary, MetricValues? primary, Func<MetricValues, int> count, Func<MetricValues, double?> rate)
    {
        string Cell(MetricValues? values) => values is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{count(values)} ({(rate(values) is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "n/a")})");
        text.AppendLine(CultureInfo.InvariantCulture, $"{year,-9} {measure,-26} {Cell(total),16} {Cell(secondary),16} {Cell(primary),16}");
    }

    private static string Beside(Year year)
    {
        var national = year.Benchmarks.FirstOrDefault(b => b.Level == "National" && b.Period == "YEAR" && b.Phase == "All");
        var region = year.Benchmarks.FirstOrDefault(b => b.Level == "Region" && b.Period == "YEAR" && b.Phase == "All");
        var home = year.Benchmarks.FirstOrDefault(b => b.Level == "LA" && b.Period == "YEAR" && b.Phase == "All");
        if (national is null && region is null && home is null)
        {
            return $"{"",-9} DfE benchmarks: none loaded for {year.AcademicYear} (upload DfE's exclusions file to benchmarks/ to compare).";
        }

        string Rate(BenchmarkFigure? figure, string measure) =>
            figure?.Measure(measure) is { } value ? value.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
        string Rank(string rank, string of) =>
            home?.Measure(rank) is { } r && home.Measure(of) is { } n ? string.Create(CultureInfo.InvariantCulture, $"{r:0} of {n:0}") : "n/a";
        return string.Create(CultureInfo.InvariantCulture,
            $"{"",-9} beside DfE (all phases): permanent exclusion rate England {Rate(national, "PermExclRate")}, {region?.Name ?? "region"} {Rate(region, "PermExclRate")}, {home?.Name ?? "LA"} in DfE's figures {Rate(home, "PermExclRate")}, rank {Rank("PermExclRank", "PermExclRankOf")}; ") +
            string.Create(CultureInfo.InvariantCulture,
                $"suspension rate England {Rate(national, "SuspRate")}, region {Rate(region, "SuspRate")}, LA {Rate(home, "SuspRate")}, rank {Rank("SuspRank", "SuspRankOf")}.");
    }
}
