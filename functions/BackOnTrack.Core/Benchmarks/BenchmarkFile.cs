using BackOnTrack.Core.Ingest;

namespace BackOnTrack.Core.Benchmarks;

/// <summary>A DfE statistics file, read whole: its rows, what was skipped or rejected, and the conformance findings.</summary>
public sealed class BenchmarkFile
{
    internal BenchmarkFile(string rejection) => Rejection = rejection;

    internal BenchmarkFile(
        BenchmarkScheme scheme,
        int rowsRead,
        IReadOnlyList<BenchmarkRow> rows,
        IReadOnlyList<RowError> rejections,
        int rowsRejected,
        int rowsSkipped,
        IReadOnlyList<string> skippedValues,
        IReadOnlyList<string> ignoredColumns)
    {
        Scheme = scheme;
        RowsRead = rowsRead;
        Rows = rows;
        Rejections = rejections;
        RowsRejected = rowsRejected;
        RowsSkipped = rowsSkipped;
        SkippedValues = skippedValues;
        IgnoredColumns = ignoredColumns;
        Findings = [.. rows.SelectMany(BenchmarkConformance.Check)];
    }

    /// <summary>Why the whole file cannot be read as DfE statistics; null when it can.</summary>
    public string? Rejection { get; }

    /// <summary>True when the file is DfE statistics the hub reads (<see cref="Rejection"/> is null).</summary>
    public bool IsReadable => Rejection is null;

    /// <summary>The column scheme found in the header; null when rejected.</summary>
    public BenchmarkScheme? Scheme { get; }

    /// <summary>Data rows below the header (blank lines not counted).</summary>
    public int RowsRead { get; }

    /// <summary>The rows to store, in file order.</summary>
    public IReadOnlyList<BenchmarkRow> Rows { get; } = [];

    /// <summary>Every problem of every rejected row (a row may have several).</summary>
    public IReadOnlyList<RowError> Rejections { get; } = [];

    /// <summary>Rows rejected (each with at least one entry in <see cref="Rejections"/>).</summary>
    public int RowsRejected { get; }

    /// <summary>Rows of levels or school types that are not benchmarks.</summary>
    public int RowsSkipped { get; }

    /// <summary>The distinct values that made rows skipped, as "heading: value".</summary>
    public IReadOnlyList<string> SkippedValues { get; } = [];

    /// <summary>Headings of the columns not read.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; } = [];

    /// <summary>Every figure of a stored row that does not follow from the row's other figures.</summary>
    public IReadOnlyList<BenchmarkFinding> Findings { get; } = [];

    /// <summary>The report's view of the file.</summary>
    public BenchmarkSummary Summary() => new()
    {
        Scheme = Scheme?.ToString() ?? "",
        RowsSkipped = RowsSkipped,
        SkippedValues = SkippedValues,
        RowsWithSuppressedValues = Rows.Count(r => r.HasSuppressedValues),
        RowsNotConforming = RowsWith(ConformanceProblem.RateDoesNotFollow, ConformanceProblem.RateOverZero),
        RowsWithFractionalCounts = RowsWith(ConformanceProblem.FractionalCount),
        Findings = [.. Findings.Take(BenchmarkSummary.FindingsListed)],
    };

    private int RowsWith(params ConformanceProblem[] problems) =>
        Findings.Where(f => problems.Contains(f.Problem)).Select(f => f.RowNumber).Distinct().Count();
}
