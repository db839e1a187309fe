using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Ingest;

namespace BackOnTrack.Application.Ingest;

/// <summary>What reading and storing one file's rows came to, whatever the container's import.</summary>
internal sealed record StoredRows(
    string? Kind,
    string? Layout,
    int RowsRead,
    int RowsRejected,
    IReadOnlyList<RowError> Rejections,
    IReadOnlyList<string> PersonalColumns,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<string> Partitions,
    IReadOnlyList<string> SchoolYears,
    string? Rejection)
{
    /// <summary>Rows read but outside what the hub keeps (DfE rows of other school types): neither stored nor rejected.</summary>
    public int RowsSkipped { get; init; }

    /// <summary>Things the report should say that rejected no row (an action plan's repeated ids, unresolved owners).</summary>
    public IReadOnlyList<RowError> Findings { get; init; } = [];

    /// <summary>The plan an action plan file updated, for the tracker-sync request.</summary>
    public string? PlanId { get; init; }

    /// <summary>A DfE statistics file's suppression and conformance counts, for its report.</summary>
    public BenchmarkSummary? Benchmarks { get; init; }

    public int RowsAccepted => RowsRead - RowsRejected - RowsSkipped;
}
