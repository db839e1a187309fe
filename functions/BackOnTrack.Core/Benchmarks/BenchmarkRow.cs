using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Benchmarks;

/// <summary>
/// One row of a DfE statistics file, parsed: what it describes (year, period, area, phase) and its figures. A figure
/// DfE suppressed, or left blank, is null; a column the file does not have is not published.
/// </summary>
public sealed class BenchmarkRow
{
    private readonly BenchmarkColumns _columns;
    private readonly decimal?[] _counts;
    private readonly decimal?[] _published;

    internal BenchmarkRow(
        int rowNumber, AcademicYear academicYear, BenchmarkPeriod period, BenchmarkLevel level, string name, BenchmarkPhase phase,
        BenchmarkColumns columns, decimal?[] counts, decimal?[] published, bool hasSuppressedValues)
    {
        RowNumber = rowNumber;
        AcademicYear = academicYear;
        Period = period;
        Level = level;
        Name = name;
        Phase = phase;
        _columns = columns;
        _counts = counts;
        _published = published;
        HasSuppressedValues = hasSuppressedValues;
    }

    /// <summary>The row's number as a spreadsheet shows it.</summary>
    public int RowNumber { get; }

    /// <summary>The academic year of DfE's <c>time_period</c> (201617 is 2016-17).</summary>
    public AcademicYear AcademicYear { get; }

    /// <summary>The period of DfE's <c>time_identifier</c>, or the file's (year; year to date for daily attendance).</summary>
    public BenchmarkPeriod Period { get; }

    /// <summary>National, regional or LA.</summary>
    public BenchmarkLevel Level { get; }

    /// <summary>The area as DfE spells it; <c>England</c> for national rows.</summary>
    public string Name { get; }

    /// <summary>The phase of DfE's <c>education_phase</c> (or <c>school_type</c>), or of the file's name when it has neither.</summary>
    public BenchmarkPhase Phase { get; }

    /// <summary>The scheme of the file the row came from.</summary>
    public BenchmarkScheme Scheme => _columns.Scheme!.Value;

    /// <summary>True when at least one of the row's figures was a suppression symbol or blank.</summary>
    public bool HasSuppressedValues { get; }

    /// <summary><c>{yyyy-yy}_{period}</c>.</summary>
    public string PartitionKey => BenchmarkKeys.Partition(AcademicYear, Period);

    /// <summary><c>{level}_{name}_{phase}</c>.</summary>
    public string RowKey => BenchmarkKeys.Row(Level, Name, Phase);

    /// <summary>True when the file has this count's column (the row's value may still be suppressed).</summary>
    public bool Publishes(BenchmarkCount count) => _columns.Has(count);

    /// <summary>
    /// True when the file has this rate's column, or the columns of both its count and denominator, so the row has
    /// something to say about the rate.
    /// </summary>
    public bool Publishes(BenchmarkRate rate)
    {
        var (count, denominator) = rate.Terms();
        return _columns.Has(rate) || (_columns.Has(count) && _columns.Has(denominator));
    }

    /// <summary>The count as published; null when suppressed, blank, or not in the file.</summary>
    public decimal? Count(BenchmarkCount count) => _counts[(int)count];

    /// <summary>The rate exactly as published (rounded by DfE); null when suppressed, blank, or not in the file.</summary>
    public decimal? Published(BenchmarkRate rate) => _published[(int)rate];

    /// <summary>
    /// The unrounded rate: recomputed from the count and its denominator where both are published (null when the
    /// denominator is 0); otherwise DfE's published rate; null when neither is available.
    /// </summary>
    public double? Rate(BenchmarkRate rate)
    {
        var (count, denominator) = rate.Terms();
        if (Count(count) is { } numerator && Count(denominator) is { } of)
        {
            return of == 0 ? null : (double)(numerator * 100m / of);
        }

        return Published(rate) is { } published ? (double)published : null;
    }
}
