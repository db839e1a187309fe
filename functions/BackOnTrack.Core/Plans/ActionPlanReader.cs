using System.Globalization;
using System.Text.RegularExpressions;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Plans;

/// <summary>
/// Reads the strategy's action plan table as Word or Excel exports it (docs/architecture.md §Inputs): title rows, a header row (an
/// unheaded id column, Action, Progress updates, Target date, Owner), then priority heading rows ("(1) Sufficiency:
/// …") each followed by its actions.
/// </summary>
/// <remarks>
/// <para>Rows: a row with one filled cell that starts with a number ("(1) …", "1. …", "Priority 1: …") is a priority
/// heading. A row with an id (<c>1.1</c>, <c>3.2a</c>) in the id column is an action. A row with no id below an action
/// continues that action's cells: pasting a Word table into Excel splits each paragraph of a cell into a row of its
/// own. A header row repeated (Word repeats it on every page) is skipped. Anything else is reported and skipped.</para>
/// <para>Values: multi-line cells keep their paragraphs as lines (spaces tidied, blank lines dropped); an id seen
/// before gets the key <c>{id}-2</c>, <c>{id}-3</c>; the progress cell's leading status is read in any case ("Not
/// started", "IN PROGRESS", "Completed") and what follows it is the note, while a cell that starts with no status
/// leaves the status unset (never guessed) and is kept whole as the note; targets are read by
/// <see cref="TargetDates"/> and owners by <see cref="OwnerResolver"/>. Every such problem is in the report.</para>
/// </remarks>
public static partial class ActionPlanReader
{
    // What may stand between a status and its note: "In Progress – …", "Complete: …", a line break.
    private static readonly char[] NoteLeaders = [' ', '\n', '-', '–', '—', ':', ';', ',', '.'];

    /// <summary>Reads a plan file's rows, resolving owner cells against the owners file's roles.</summary>
    public static PlanImport Read(IEnumerable<TabularRow> rows, OwnerResolver owners)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(owners);
        List<TabularRow> all;
        try
        {
            all = rows.ToList();
        }
        catch (UnreadableFileException ex)
        {
            return PlanImport.Rejected(ex.Message);
        }

        var header = PlanColumns.Find(all.Take(PlanFileDetector.RowsSearched), out var rejection);
        if (header is null || rejection is not null)
        {
            return PlanImport.Rejected(rejection!);
        }

        if (header.Kind != PlanFileKind.ActionPlan)
        {
            return PlanImport.Rejected($"The file is an owners file (header at row {header.RowNumber}), not an action plan.");
        }

        var report = new List<PlanReportEntry>();
        var drafts = ReadDrafts(all.Where(r => r.RowNumber > header.RowNumber && !header.IsRepeatOf(r)), header, report, out var rowsRead);
        var actions = new List<PlanAction>();
        var keys = new PlanKeys();
        foreach (var draft in drafts)
        {
            if (Finish(draft, keys, owners, report) is { } action)
            {
                actions.Add(action);
            }
        }

        return new PlanImport(actions, report.OrderBy(e => e.RowNumber).ToList(), rowsRead, null);
    }

    // First pass: rows into actions' raw cells, with the priority heading each sits under.
    private static List<Draft> ReadDrafts(IEnumerable<TabularRow> rows, PlanColumns header, List<PlanReportEntry> report, out int rowsRead)
    {
        var drafts = new List<Draft>();
        Heading? heading = null;
        Draft? open = null;
        rowsRead = 0;
        foreach (var row in rows)
        {
            rowsRead++;
            if (row.UncalculatedColumns.Count > 0)
            {
                report.Add(new PlanReportEntry(row.RowNumber, null, PlanIssue.RowSkipped, UncalculatedRow(row.RowNumber)));
                open = null;
                continue;
            }

            if (HeadingOf(row) is { } nextHeading)
            {
                heading = nextHeading;
                open = null;
                continue;
            }

            var id = CellText.OneLine(row[header[PlanColumn.Id]]).TrimEnd('.');
            if (IdShape().IsMatch(id))
            {
                open = new Draft(row.RowNumber, id, heading);
                open.Append(row, header);
                drafts.Add(open);
            }
            else if (id.Length == 0 && open is not null)
            {
                open.Append(row, header);
                report.Add(new PlanReportEntry(row.RowNumber, open.Id, PlanIssue.ContinuationRow,
                    $"Row {row.RowNumber} has no id: it is read as more lines of action {open.Id} above (Excel puts each paragraph of a pasted Word cell on a row of its own)."));
            }
            else
            {
                var why = id.Length == 0
                    ? "has no id and no action above it to continue"
                    : $"holds '{Shortened(id)}' in the id column, which is neither an action id (such as 1.1) nor a numbered priority heading";
                report.Add(new PlanReportEntry(row.RowNumber, null, PlanIssue.RowSkipped, $"Row {row.RowNumber} {why}; it is not imported."));
                open = null;
            }
        }

        return drafts;
    }

    /// <summary>The report's words for a row holding a formula saved without its result (the hub never calculates).</summary>
    internal static string UncalculatedRow(int rowNumber) =>
        $"Row {rowNumber} holds a formula saved without its result, and the hub never calculates formulas; it is not imported (open the file in Excel, let it calculate and save it again).";

    // Second pass: one draft's cells into an action, or null (with a report entry) when it has no action text.
    private static PlanAction? Finish(Draft draft, PlanKeys keys, OwnerResolver owners, List<PlanReportEntry> report)
    {
        var title = CellText.Lines(draft.Action);
        if (title.Length == 0)
        {
            report.Add(new PlanReportEntry(draft.RowNumber, draft.Id, PlanIssue.RowSkipped,
                $"Action {draft.Id} has no action text; it is not imported."));
            return null;
        }

        var key = keys.Claim(draft.Id, draft.RowNumber, out var firstRow);
        if (firstRow is not null)
        {
            report.Add(new PlanReportEntry(draft.RowNumber, key, PlanIssue.RepeatedId,
                $"The id {draft.Id} appears again (first at row {firstRow}); this action is imported as {key}."));
        }

        var (priority, priorityTitle) = PriorityOf(draft, key, report);
        var (status, note) = Progress(draft, key, report);
        var target = TargetDates.Parse(draft.Target);
        if (target.Note is not null)
        {
            report.Add(new PlanReportEntry(draft.RowNumber, key, PlanIssue.TargetDate, $"Action {key}: {target.Note}"));
        }

        var resolution = owners.Resolve(draft.Owner);
        if (resolution.Roles.Count == 0 && resolution.Unresolved.Count == 0)
        {
            report.Add(new PlanReportEntry(draft.RowNumber, key, PlanIssue.NoOwner, $"Action {key} has no owner."));
        }

        foreach (var unresolved in resolution.Unresolved)
        {
            report.Add(new PlanReportEntry(draft.RowNumber, key, PlanIssue.UnresolvedOwner,
                $"Action {key}: the owner '{unresolved}' matches no role in the owners file; it is kept in UnresolvedOwners and no one is prompted for it."));
        }

        return new PlanAction(
            key,
            draft.Id,
            priority,
            priorityTitle,
            title,
            status,
            note,
            CellText.OneLine(draft.Target),
            target.DueDate,
            target.Milestones,
            resolution.Roles,
            resolution.Unresolved,
            draft.RowNumber);
    }

    // The heading above the action decides its priority; an id that says otherwise ("2.1" under priority 1) is reported.
    private static (int Priority, string Title) PriorityOf(Draft draft, string key, List<PlanReportEntry> report)
    {
        var idPriority = int.Parse(LeadingNumber().Match(draft.Id).Value, CultureInfo.InvariantCulture);
        if (draft.Heading is not { } heading)
        {
            report.Add(new PlanReportEntry(draft.RowNumber, key, PlanIssue.Priority,
                $"Action {key} has no priority heading above it; its priority, {idPriority}, is taken from its id."));
            return (idPriority, string.Empty);
        }

        if (heading.Number != idPriority)
        {
            report.Add(new PlanReportEntry(draft.RowNumber, key, PlanIssue.Priority,
                $"Action {key} sits under the heading of priority {heading.Number}, but its id suggests priority {idPriority}; it is imported under priority {heading.Number}."));
        }

        return (heading.Number, heading.Title);
    }

    private static (ActionStatus? Status, string? Note) Progress(Draft draft, string key, List<PlanReportEntry> report)
    {
        var text = CellText.Lines(draft.Progress);
        if (text.Length == 0)
        {
            report.Add(new PlanReportEntry(draft.RowNumber, key, PlanIssue.NoStatus, $"Action {key} has no progress status; its status is left unset."));
            return (null, null);
        }

        var match = LeadingStatus().Match(text);
        if (!match.Success)
        {
            report.Add(new PlanReportEntry(draft.RowNumber, key, PlanIssue.UnknownStatus,
                $"Action {key}: the progress '{Shortened(CellText.OneLine(text))}' does not start with a status (Not started, In progress or Complete); its status is left unset and the text kept as its note."));
            return (null, text);
        }

        var words = match.Groups["status"].Value.ToUpperInvariant();
        ActionStatus status = words.StartsWith("NOT", StringComparison.Ordinal) ? ActionStatus.NotStarted
            : words.StartsWith("IN", StringComparison.Ordinal) ? ActionStatus.InProgress
            : ActionStatus.Complete;
        var note = CellText.Lines(match.Groups["note"].Value.TrimStart(NoteLeaders));
        return (status, note.Length == 0 ? null : note);
    }

    private static Heading? HeadingOf(TabularRow row)
    {
        var filled = row.Cells.Where(c => c.Length > 0).Take(2).ToList();
        if (filled.Count != 1)
        {
            return null;
        }

        var match = PriorityHeading().Match(CellText.OneLine(filled[0]));
        return match.Success
            ? new Heading(int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture), match.Groups["title"].Value)
            : null;
    }

    private static string Shortened(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");

    // "(1) Sufficiency: …", "1. Sufficiency", "Priority 1: Sufficiency", "1) Sufficiency": a number, then words.
    [GeneratedRegex(@"^(?:priority\s*)?[(\[]?\s*(?<number>\d{1,2})\s*[)\]]?\s*[.:\-–—]?\s*(?<title>\p{L}.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PriorityHeading();

    // "1.1", "3.2a", "P1-3", "12": digits with dots or hyphens, an optional letter prefix and suffix.
    [GeneratedRegex(@"^[A-Za-z]{0,3}\d{1,3}(?:[.\-]\d{1,3})*[A-Za-z]?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"^(?<status>not[\s-]*(?:yet[\s-]*)?started|in[\s-]*progress|completed?)\b(?<note>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.ExplicitCapture)]
    private static partial Regex LeadingStatus();

    private sealed record Heading(int Number, string Title);

    /// <summary>An action's cells as read, before they are interpreted; continuation rows add lines to them.</summary>
    private sealed class Draft(int rowNumber, string id, Heading? heading)
    {
        public int RowNumber { get; } = rowNumber;

        public string Id { get; } = id;

        public Heading? Heading { get; } = heading;

        public string Action { get; private set; } = string.Empty;

        public string Progress { get; private set; } = string.Empty;

        public string Target { get; private set; } = string.Empty;

        public string Owner { get; private set; } = string.Empty;

        public void Append(TabularRow row, PlanColumns header)
        {
            Action = Joined(Action, row[header[PlanColumn.Action]]);
            Progress = Joined(Progress, row[header[PlanColumn.Progress]]);
            Target = Joined(Target, row[header[PlanColumn.Target]]);
            Owner = Joined(Owner, row[header[PlanColumn.Owner]]);
        }

        private static string Joined(string text, string more) =>
            more.Length == 0 ? text : text.Length == 0 ? more : text + "\n" + more;
    }

    /// <summary>Hands out action keys: the id the first time, then <c>{id}-2</c>, <c>{id}-3</c>, skipping keys already taken.</summary>
    private sealed class PlanKeys
    {
        private readonly Dictionary<string, int> _firstRows = new(StringComparer.Ordinal);

        public string Claim(string id, int rowNumber, out int? firstRow)
        {
            if (_firstRows.TryAdd(id, rowNumber))
            {
                firstRow = null;
                return id;
            }

            firstRow = _firstRows[id];
            var suffix = 2;
            while (!_firstRows.TryAdd($"{id}-{suffix}", rowNumber))
            {
                suffix++;
            }

            return $"{id}-{suffix}";
        }
    }
}
