namespace BackOnTrack.Core.Plans;

/// <summary>
/// One thing an officer should know about a plan or owners file: where it is, what it concerns and what the import
/// did about it. Plan text is public strategy text and may be quoted; an owners file's UPNs and object ids never are.
/// </summary>
/// <param name="RowNumber">The row as a spreadsheet shows it (see <see cref="Tabular.TabularRow.RowNumber"/>).</param>
/// <param name="Subject">The action's key, or the owner's role; null when the row is not an action or an owner.</param>
/// <param name="Issue">What kind of problem it is.</param>
/// <param name="Message">A sentence saying what was found and what the import did.</param>
public sealed record PlanReportEntry(int RowNumber, string? Subject, PlanIssue Issue, string Message);

/// <summary>The kinds of <see cref="PlanReportEntry"/>.</summary>
public enum PlanIssue
{
    /// <summary>An action id that appeared earlier in the plan: the action was imported under a suffixed key.</summary>
    RepeatedId,

    /// <summary>A progress cell that does not start with a status: the status is left unset, the text kept as the note.</summary>
    UnknownStatus,

    /// <summary>An empty progress cell: the status is left unset.</summary>
    NoStatus,

    /// <summary>A target that gives no due date (no date in it, or none that can be read), or reads oddly.</summary>
    TargetDate,

    /// <summary>Owner text that matches no role in the owners file: kept in UnresolvedOwners.</summary>
    UnresolvedOwner,

    /// <summary>An action with an empty owner cell.</summary>
    NoOwner,

    /// <summary>An action whose id does not belong to the priority heading above it, or that has no heading above it.</summary>
    Priority,

    /// <summary>A row with no id read as more lines of the action above (Excel splits a Word cell's paragraphs into rows).</summary>
    ContinuationRow,

    /// <summary>
    /// A row that is neither an action, a priority heading nor a continuation, an action without text, or a row holding a
    /// formula saved without its result: not imported.
    /// </summary>
    RowSkipped,

    /// <summary>An owners-file row without a role: not imported.</summary>
    MissingRole,

    /// <summary>An owners-file row whose UPN (email) is missing or not an address: not imported.</summary>
    InvalidUpn,

    /// <summary>An owners-file row whose object id is not a GUID: not imported.</summary>
    InvalidObjectId,

    /// <summary>An owners-file role that appeared earlier in the file: the later row is not imported.</summary>
    RepeatedRole,
}
