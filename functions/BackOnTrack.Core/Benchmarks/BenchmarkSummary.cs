namespace BackOnTrack.Core.Benchmarks;

/// <summary>
/// What a DfE statistics file held beyond accepted and rejected rows: the drop report's <c>benchmarks</c> section, and
/// what the conformance command prints.
/// </summary>
public sealed record BenchmarkSummary
{
    /// <summary>At most this many findings are listed; the counts cover them all.</summary>
    public const int FindingsListed = 200;

    /// <summary>The file's column scheme (<see cref="BenchmarkScheme"/>).</summary>
    public required string Scheme { get; init; }

    /// <summary>Rows of levels or school types that are not benchmarks (e.g. independent schools): read, not stored, not rejected.</summary>
    public int RowsSkipped { get; init; }

    /// <summary>The distinct skipped values, as "heading: value".</summary>
    public IReadOnlyList<string> SkippedValues { get; init; } = [];

    /// <summary>Stored rows with at least one suppressed or blank figure (<c>x z : . SUPP</c>).</summary>
    public int RowsWithSuppressedValues { get; init; }

    /// <summary>Stored rows with a published rate that does not follow from the published count and denominator.</summary>
    public int RowsNotConforming { get; init; }

    /// <summary>Stored rows with a count that is not a whole number.</summary>
    public int RowsWithFractionalCounts { get; init; }

    /// <summary>The first <see cref="FindingsListed"/> findings, in file order.</summary>
    public IReadOnlyList<BenchmarkFinding> Findings { get; init; } = [];
}
