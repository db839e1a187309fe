using BackOnTrack.Core.Tabular;
using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Plans;

/// <summary>The columns of the two kinds of plan file.</summary>
internal enum PlanColumn
{
    Id,
    Action,
    Progress,
    Target,
    Owner,
    Role,
    Upn,
    ObjectId,
}

/// <summary>
/// A header row of a plan file and where its columns are. Headings are compared in <see cref="Normalised"/> form
/// (case, spaces and punctuation ignored), as for data drops.
/// </summary>
internal sealed class PlanColumns
{
    private static readonly Dictionary<PlanColumn, string[]> Headings = new()
    {
        [PlanColumn.Id] = ["Id", "Ref", "Reference", "No", "Number", "Action Id", "Action Ref", "Action No", "Action Number"],
        [PlanColumn.Action] = ["Action", "Actions", "Action Description", "Activity", "Task"],
        [PlanColumn.Progress] = ["Progress updates", "Progress update", "Progress", "Status", "Progress Status", "RAG Status"],
        [PlanColumn.Target] = ["Target date", "Target dates", "Target", "Due date", "Due", "Deadline", "Timescale", "Timescales", "By when"],
        [PlanColumn.Owner] = ["Owner", "Owners", "Lead", "Leads", "Lead Officer", "Responsible", "Responsible Officer"],
        [PlanColumn.Role] = ["Role", "Role Name", "Owner Role", "Job Role"],
        [PlanColumn.Upn] = ["UPN", "UPN (Email)", "Email", "Email Address", "Work Email", "User Principal Name", "Mail"],
        [PlanColumn.ObjectId] = ["Object Id", "Entra Object Id", "Azure AD Object Id", "AAD Object Id", "User Object Id"],
    };

    private static readonly Dictionary<string, PlanColumn> ByHeading = Headings
        .SelectMany(pair => pair.Value.Select(heading => (Heading: Normalised.Of(heading), Column: pair.Key)))
        .ToDictionary(pair => pair.Heading, pair => pair.Column, StringComparer.Ordinal);

    private static readonly PlanColumn[] PlanRequired = [PlanColumn.Action, PlanColumn.Progress, PlanColumn.Target, PlanColumn.Owner];

    private static readonly PlanColumn[] OwnersRequired = [PlanColumn.Role, PlanColumn.Upn];

    private readonly Dictionary<PlanColumn, int> _columns;
    private readonly TabularRow _row;

    private PlanColumns(TabularRow row, Dictionary<PlanColumn, int> columns, string? conflict)
    {
        _row = row;
        _columns = columns;
        Conflict = conflict;
    }

    /// <summary>The header's row number.</summary>
    public int RowNumber => _row.RowNumber;

    /// <summary>A heading problem that makes the file unreadable (two columns for one field, no id column).</summary>
    public string? Conflict { get; private set; }

    public PlanFileKind? Kind =>
        PlanRequired.All(_columns.ContainsKey) ? PlanFileKind.ActionPlan
        : OwnersRequired.All(_columns.ContainsKey) ? PlanFileKind.Owners
        : null;

    /// <summary>The 0-based column of a field, or -1 when the file does not have it (a row's indexer then gives "").</summary>
    public int this[PlanColumn column] => _columns.GetValueOrDefault(column, -1);

    /// <summary>The header row among the leading rows (the first where a kind finds all its columns), or why there is none.</summary>
    public static PlanColumns? Find(IEnumerable<TabularRow> leadingRows, out string? rejection)
    {
        foreach (var row in leadingRows)
        {
            var columns = Of(row);
            if (columns.Kind is not null)
            {
                rejection = columns.Conflict;
                return columns;
            }
        }

        rejection = $"No header row was recognised in the first {PlanFileDetector.RowsSearched} rows, so the kind of file is unknown. "
            + "An action plan needs the headings Action, Progress updates, Target date and Owner (its first column, often unheaded, holds the ids); "
            + "an owners file needs Role and UPN (or Email), and may have ObjectId.";
        return null;
    }

    /// <summary>True when the row repeats the header (Word repeats a table's header row on every page).</summary>
    public bool IsRepeatOf(TabularRow row)
    {
        foreach (var column in _columns.Values)
        {
            if (!string.Equals(Normalised.Of(row[column]), Normalised.Of(_row[column]), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static PlanColumns Of(TabularRow row)
    {
        var columns = new Dictionary<PlanColumn, int>();
        string? conflict = null;
        for (var column = 0; column < row.Count; column++)
        {
            if (ByHeading.TryGetValue(Normalised.Of(row[column]), out var field) && !columns.TryAdd(field, column))
            {
                conflict ??= $"Columns '{row[columns[field]]}' and '{row[column]}' both read as {Headings[field][0]}; keep one of them.";
            }
        }

        var found = new PlanColumns(row, columns, conflict);
        if (found.Kind == PlanFileKind.ActionPlan && !columns.ContainsKey(PlanColumn.Id))
        {
            // The ids sit in an unheaded column: the nearest one left of Action.
            var action = columns[PlanColumn.Action];
            var id = Enumerable.Range(0, action).LastOrDefault(c => Normalised.Of(row[c]).Length == 0, -1);
            if (id >= 0)
            {
                columns[PlanColumn.Id] = id;
            }
            else
            {
                found.Conflict ??= "The plan has no id column: the column left of Action, headed or not, should hold each action's id (1.1, 1.2, …).";
            }
        }

        return found;
    }
}
