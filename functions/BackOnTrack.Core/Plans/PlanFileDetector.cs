using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Plans;

/// <summary>
/// Tells an action plan from an owners file by its headings (docs/architecture.md §Inputs), so either can be uploaded to <c>plans/</c>
/// under any name. Title rows above the header are allowed.
/// </summary>
public static class PlanFileDetector
{
    /// <summary>How many non-blank rows are searched for the header.</summary>
    public const int RowsSearched = 30;

    /// <summary>Finds the header among the first <see cref="RowsSearched"/> rows and says which kind of file it heads.</summary>
    public static PlanFileDetection Detect(IEnumerable<TabularRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var header = PlanColumns.Find(rows.Take(RowsSearched), out var rejection);
        return new PlanFileDetection(header?.Kind, header?.RowNumber, rejection);
    }
}

/// <summary>What a file in <c>plans/</c> is.</summary>
/// <param name="Kind">The kind its headings show; null when no header row was recognised.</param>
/// <param name="HeaderRowNumber">The header's row number; null when none was recognised.</param>
/// <param name="Rejection">Why the file cannot be read (no header, or a heading problem); null when it can.</param>
public sealed record PlanFileDetection(PlanFileKind? Kind, int? HeaderRowNumber, string? Rejection)
{
    /// <summary>True when the file is of a known kind and its columns can be read.</summary>
    public bool IsReadable => Kind is not null && Rejection is null;
}
