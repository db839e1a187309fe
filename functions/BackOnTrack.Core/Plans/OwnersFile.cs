using System.Text.RegularExpressions;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Plans;

/// <summary>
/// Reads the owners file: Role, UPN (or Email) and optionally ObjectId, one role a row. A row with a problem is left
/// out and reported by its row number and role; its UPN and object id are personal data and are never quoted.
/// </summary>
public static partial class OwnersFile
{
    /// <summary>Reads an owners file's rows (title rows above the header are allowed).</summary>
    public static OwnersImport Read(IEnumerable<TabularRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        List<TabularRow> all;
        try
        {
            all = rows.ToList();
        }
        catch (UnreadableFileException ex)
        {
            return OwnersImport.Rejected(ex.Message);
        }

        var header = PlanColumns.Find(all.Take(PlanFileDetector.RowsSearched), out var rejection);
        if (header is null || rejection is not null)
        {
            return OwnersImport.Rejected(rejection!);
        }

        if (header.Kind != PlanFileKind.Owners)
        {
            return OwnersImport.Rejected($"The file is an action plan (header at row {header.RowNumber}), not an owners file.");
        }

        var owners = new List<Owner>();
        var report = new List<PlanReportEntry>();
        var firstRowOfRole = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowsRead = 0;
        foreach (var row in all.Where(r => r.RowNumber > header.RowNumber && !header.IsRepeatOf(r)))
        {
            rowsRead++;
            if (row.UncalculatedColumns.Count > 0)
            {
                report.Add(new PlanReportEntry(row.RowNumber, null, PlanIssue.RowSkipped, ActionPlanReader.UncalculatedRow(row.RowNumber)));
                continue;
            }

            var owner = ReadRow(row, header, report);
            if (owner is null)
            {
                continue;
            }

            if (firstRowOfRole.TryGetValue(OwnerResolver.MatchingForm(owner.Role), out var firstRow))
            {
                report.Add(new PlanReportEntry(row.RowNumber, owner.Role, PlanIssue.RepeatedRole,
                    $"The role '{owner.Role}' appears again (first at row {firstRow}, compared ignoring case and punctuation); this row is not imported, since a role has one holder."));
                continue;
            }

            firstRowOfRole.Add(OwnerResolver.MatchingForm(owner.Role), row.RowNumber);
            owners.Add(owner);
        }

        return new OwnersImport(owners, report, rowsRead, null);
    }

    private static Owner? ReadRow(TabularRow row, PlanColumns header, List<PlanReportEntry> report)
    {
        var role = CellText.OneLine(row[header[PlanColumn.Role]]);
        var upn = CellText.OneLine(row[header[PlanColumn.Upn]]);
        var objectIdText = CellText.OneLine(row[header[PlanColumn.ObjectId]]);
        if (role.Length == 0)
        {
            report.Add(new PlanReportEntry(row.RowNumber, null, PlanIssue.MissingRole, "The row has no role; it is not imported."));
            return null;
        }

        if (!UpnShape().IsMatch(upn))
        {
            var problem = upn.Length == 0 ? "has no UPN (email)" : "has a UPN (email) that is not an address of the form name@domain";
            report.Add(new PlanReportEntry(row.RowNumber, role, PlanIssue.InvalidUpn, $"The role '{role}' {problem}; the row is not imported."));
            return null;
        }

        Guid? objectId = null;
        if (objectIdText.Length > 0)
        {
            if (!Guid.TryParse(objectIdText, out var parsed))
            {
                report.Add(new PlanReportEntry(row.RowNumber, role, PlanIssue.InvalidObjectId,
                    $"The role '{role}' has an object id that is not a GUID; the row is not imported."));
                return null;
            }

            objectId = parsed;
        }

        return new Owner(role, upn, objectId);
    }

    // One @, something before it, a dotted domain after it, no spaces: the shape of a UPN or an email address.
    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex UpnShape();
}

/// <summary>What an owners file gives.</summary>
/// <param name="Owners">The valid rows, one per role, in file order.</param>
/// <param name="Report">Rows left out, and why.</param>
/// <param name="RowsRead">Rows below the header (blank rows and repeated headers aside).</param>
/// <param name="Rejection">Why the whole file cannot be read; null when it was read.</param>
public sealed record OwnersImport(IReadOnlyList<Owner> Owners, IReadOnlyList<PlanReportEntry> Report, int RowsRead, string? Rejection)
{
    /// <summary>The roles, for resolving a plan's owner cells.</summary>
    public OwnerResolver Resolver() => new(Owners.Select(o => o.Role));

    internal static OwnersImport Rejected(string rejection) => new([], [], 0, rejection);
}
