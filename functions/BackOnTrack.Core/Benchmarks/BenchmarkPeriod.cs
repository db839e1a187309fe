using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Benchmarks;

/// <summary>The period a DfE figure covers; <see cref="BenchmarkPeriods.ToCode"/> gives the PartitionKey's period part.</summary>
public enum BenchmarkPeriod
{
    /// <summary><c>YEAR</c>: the full academic year.</summary>
    Year,

    /// <summary><c>AUT</c>: the autumn term.</summary>
    Autumn,

    /// <summary><c>SPR</c>: the spring term.</summary>
    Spring,

    /// <summary><c>SUM</c>: the summer term.</summary>
    Summer,

    /// <summary><c>AUTSPR</c>: the autumn and spring terms together (DfE's two-term absence releases).</summary>
    AutumnSpring,

    /// <summary><c>YTD</c>: the year so far (DfE's daily attendance data).</summary>
    YearToDate,
}

/// <summary>Period codes and DfE's <c>time_identifier</c> words.</summary>
public static class BenchmarkPeriods
{
    /// <summary><c>YEAR</c>, <c>AUT</c>, <c>SPR</c>, <c>SUM</c>, <c>AUTSPR</c> or <c>YTD</c>.</summary>
    public static string ToCode(this BenchmarkPeriod period) => period switch
    {
        BenchmarkPeriod.Year => "YEAR",
        BenchmarkPeriod.Autumn => "AUT",
        BenchmarkPeriod.Spring => "SPR",
        BenchmarkPeriod.Summer => "SUM",
        BenchmarkPeriod.AutumnSpring => "AUTSPR",
        BenchmarkPeriod.YearToDate => "YTD",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Not a benchmark period."),
    };

    /// <summary>
    /// DfE's <c>time_identifier</c> (older files: <c>term</c>): "Academic year", "Full academic year" and the older
    /// "Six half terms" → Year; "Autumn term", "Spring term", "Summer term"; "Autumn and spring term(s)" →
    /// AutumnSpring; "Year to date". Case and punctuation ignored. Weeks, months, calendar and financial years: false.
    /// </summary>
    public static bool TryParse(string? timeIdentifier, out BenchmarkPeriod period)
    {
        switch (Normalised.Of(timeIdentifier))
        {
            case "academicyear" or "fullacademicyear" or "sixhalfterms":
                period = BenchmarkPeriod.Year;
                return true;
            case "autumnterm":
                period = BenchmarkPeriod.Autumn;
                return true;
            case "springterm":
                period = BenchmarkPeriod.Spring;
                return true;
            case "summerterm":
                period = BenchmarkPeriod.Summer;
                return true;
            case "autumnandspringterm" or "autumnandspringterms":
                period = BenchmarkPeriod.AutumnSpring;
                return true;
            case "yeartodate":
                period = BenchmarkPeriod.YearToDate;
                return true;
            default:
                period = default;
                return false;
        }
    }
}
