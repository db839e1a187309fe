using System.Globalization;

namespace BackOnTrack.Core.Benchmarks;

/// <summary>What is wrong with a published figure, by the file's own numbers.</summary>
public enum ConformanceProblem
{
    /// <summary>The published rate is not its published count over its published denominator, rounded as published.</summary>
    RateDoesNotFollow,

    /// <summary>A rate is published although its denominator is 0.</summary>
    RateOverZero,

    /// <summary>A count that can only be whole is not (e.g. a 2009/10 permanent exclusion count of 45.9412).</summary>
    FractionalCount,
}

/// <summary>One figure of one row that does not follow from the row's other figures. Reported, never corrected.</summary>
/// <param name="RowNumber">The row as a spreadsheet shows it.</param>
/// <param name="Measure">The Benchmarks property name of the figure, e.g. <c>SuspRate</c> or <c>PermExcl</c>.</param>
/// <param name="Detail">The numbers involved (public statistics, no pupil data), e.g. "published 0.86; 1910 × 100 ÷ 223500 = 0.85459".</param>
public sealed record BenchmarkFinding(int RowNumber, string PartitionKey, string RowKey, string Measure, ConformanceProblem Problem, string Detail);

/// <summary>
/// Checks that a row's published figures agree with each other: each published rate should be its published count
/// × 100 ÷ its published denominator (headcount, possible sessions, enrolments), rounded to as many decimals as DfE
/// printed; counts should be whole. Differences are reported, never "fixed": they are DfE's (e.g. national and regional
/// counts rounded to the nearest 5 while rates come from the unrounded counts).
/// </summary>
public static class BenchmarkConformance
{
    // 15-significant-digit rates (daily attendance) are printed from floating point; their last digit may be off by one.
    private const decimal RelativeSlack = 0.000000000001m;

    /// <summary>Every finding for the row, counts first, then rates, in property order.</summary>
    public static IEnumerable<BenchmarkFinding> Check(BenchmarkRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var count in Enum.GetValues<BenchmarkCount>())
        {
            // Daily attendance enrolments are averages over the days, so they are fractional by design.
            var mayBeFractional = row.Scheme == BenchmarkScheme.DailyAttendance && count == BenchmarkCount.Enrolments;
            if (row.Count(count) is { } value && value != decimal.Truncate(value) && !mayBeFractional)
            {
                yield return Finding(row, count.ToString(), ConformanceProblem.FractionalCount, $"{value} is not a whole number");
            }
        }

        foreach (var rate in Enum.GetValues<BenchmarkRate>())
        {
            var (count, denominator) = rate.Terms();
            if (row.Published(rate) is not { } published || row.Count(count) is not { } numerator || row.Count(denominator) is not { } of)
            {
                continue;
            }

            if (of == 0)
            {
                yield return Finding(row, rate.ToString(), ConformanceProblem.RateOverZero, $"published {published} although {denominator} is 0");
                continue;
            }

            var exact = numerator * 100m / of;
            if (!Follows(exact, published))
            {
                var shown = Math.Round(exact, Math.Min(published.Scale + 3, 20), MidpointRounding.AwayFromZero);
                yield return Finding(row, rate.ToString(), ConformanceProblem.RateDoesNotFollow, $"published {published}; {numerator} × 100 ÷ {of} = {shown}");
            }
        }
    }

    /// <summary>
    /// True when <paramref name="published"/> is <paramref name="exact"/> rounded to the published number of decimals
    /// (trailing zeros, which DfE drops, make no difference). An exact half may go either way: DfE's tools differ.
    /// </summary>
    public static bool Follows(decimal exact, decimal published)
    {
        var halfUnit = new decimal(5, 0, 0, false, (byte)Math.Min(published.Scale + 1, 28));
        return Math.Abs(exact - published) <= halfUnit + (Math.Abs(published) * RelativeSlack);
    }

    private static BenchmarkFinding Finding(BenchmarkRow row, string measure, ConformanceProblem problem, FormattableString detail) =>
        new(row.RowNumber, row.PartitionKey, row.RowKey, measure, problem, detail.ToString(CultureInfo.InvariantCulture));
}
