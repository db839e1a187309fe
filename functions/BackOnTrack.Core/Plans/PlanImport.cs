namespace BackOnTrack.Core.Plans;

/// <summary>What an action plan file gives.</summary>
/// <param name="Actions">Every action, in file order, each under its own key.</param>
/// <param name="Report">Repeated ids, statuses and targets that could not be read, owners that match no role, rows not imported.</param>
/// <param name="RowsRead">Rows below the header (blank rows and repeated headers aside), headings included.</param>
/// <param name="Rejection">Why the whole file cannot be read; null when it was read.</param>
public sealed record PlanImport(IReadOnlyList<PlanAction> Actions, IReadOnlyList<PlanReportEntry> Report, int RowsRead, string? Rejection)
{
    internal static PlanImport Rejected(string rejection) => new([], [], 0, rejection);
}
