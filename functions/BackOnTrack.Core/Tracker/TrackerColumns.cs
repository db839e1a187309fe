using BackOnTrack.Core.Returns;

namespace BackOnTrack.Core.Tracker;

/// <summary>How a SharePoint column stores its values.</summary>
public enum TrackerColumnKind
{
    Text,
    Note,
    Number,

    /// <summary>A date without a time (stored by SharePoint as 00:00 UTC of the date).</summary>
    Date,

    /// <summary>An instant.</summary>
    DateTime,
    Choice,

    /// <summary>Yes/no, held in the hub's text form as <c>true</c> or <c>false</c>.</summary>
    Boolean,
}

/// <summary>
/// One column of a tracker list. <see cref="Name"/> is the hub's name for it, and the internal name provisioning gives
/// it; people may rename a column, so a sync finds it by <see cref="DisplayName"/> first (internal names
/// are fixed at creation, display names are what people see).
/// </summary>
public sealed record TrackerColumn(string Name, string DisplayName, TrackerColumnKind Kind, bool Indexed = false, bool Unique = false, IReadOnlyList<string>? Choices = null);

/// <summary>A list the hub keeps: its display name, its columns and the column whose value identifies an item.</summary>
public sealed record TrackerListDefinition(string Kind, string DisplayName, string KeyColumn, IReadOnlyList<TrackerColumn> Columns)
{
    public TrackerColumn Column(string name) => Columns.Single(c => c.Name == name);
}

/// <summary>The lists of docs/architecture.md §Microsoft 365 (the action tracker and the figures list) and the returns list.</summary>
public static class TrackerLists
{
    public const string ActionId = "ActionId";
    public const string Priority = "Priority";
    public const string Title = "Title";
    public const string Status = "Status";
    public const string DueDate = "DueDate";
    public const string Owners = "Owners";
    public const string LastNote = "LastNote";
    public const string UpdatedAt = "UpdatedAt";
    public const string Rag = "RAG";

    public const string FigureId = "FigureId";
    public const string Scope = "Scope";
    public const string AcademicYear = "AcademicYear";
    public const string Period = "Period";
    public const string Breakdown = "Breakdown";
    public const string DataAsOf = "DataAsOf";

    public const string ReturnId = "ReturnId";
    public const string School = "School";
    public const string SchoolName = "SchoolName";
    public const string Term = "Term";
    public const string Missing = "Missing";

    /// <summary>The Metrics measures the figures list shows, in the Metrics table's names (docs/architecture.md §Storage).</summary>
    public static IReadOnlyList<string> Measures { get; } =
    [
        "Headcount", "PermExcl", "PermExclRate", "Susp", "SuspRate", "OnePlusSusp", "OnePlusSuspRate", "SuspSessions",
        "Enrolments", "PossibleSessions", "AbsenceSessions", "AuthorisedSessions", "UnauthorisedSessions",
        "OverallAbsenceRate", "AuthorisedAbsenceRate", "UnauthorisedAbsenceRate",
        "PersistentAbsentees", "PersistentAbsenceRate", "SevereAbsentees", "SevereAbsenceRate",
    ];

    /// <summary>DfE's figures set beside each row: England's and the region's published rates for the same period and phase.</summary>
    public static IReadOnlyList<string> Benchmarks { get; } =
        ["EnglandPermExclRate", "EnglandSuspRate", "RegionPermExclRate", "RegionSuspRate"];

    public static TrackerListDefinition Actions { get; } = new("tracker", "SEMH action tracker", ActionId,
    [
        new(ActionId, "Action id", TrackerColumnKind.Text, Indexed: true, Unique: true),
        new(Priority, "Priority", TrackerColumnKind.Number),
        new(Title, "Title", TrackerColumnKind.Text),
        new(Status, "Status", TrackerColumnKind.Choice, Choices: [.. TrackerStatus.Choices]),
        new(DueDate, "Due date", TrackerColumnKind.Date),
        new(Owners, "Owners", TrackerColumnKind.Text),
        new(LastNote, "Last note", TrackerColumnKind.Note),
        new(UpdatedAt, "Updated at", TrackerColumnKind.DateTime),
        new(Rag, "RAG", TrackerColumnKind.Choice, Choices: [.. Enum.GetNames<RagRating>()]),
    ]);

    /// <summary>
    /// Measures and benchmarks are text columns: a suppressed figure is shown as <c>x</c>, which a number column cannot
    /// hold (docs/architecture.md §Microsoft 365).
    /// </summary>
    public static TrackerListDefinition Figures { get; } = new("figures", "SEMH figures", FigureId,
    [
        new(FigureId, "Figure id", TrackerColumnKind.Text, Indexed: true, Unique: true),
        new(Title, "Title", TrackerColumnKind.Text),
        new(Scope, "Scope", TrackerColumnKind.Text, Indexed: true),
        new(AcademicYear, "Academic year", TrackerColumnKind.Text, Indexed: true),
        new(Period, "Period", TrackerColumnKind.Text),
        new(Breakdown, "Breakdown", TrackerColumnKind.Text),
        .. Measures.Select(m => new TrackerColumn(m, m, TrackerColumnKind.Text)),
        .. Benchmarks.Select(b => new TrackerColumn(b, b, TrackerColumnKind.Text)),
        new(EarlyWarningFigureRows.Flagged, EarlyWarningFigureRows.Flagged, TrackerColumnKind.Text),
        new(EarlyWarningFigureRows.New, EarlyWarningFigureRows.New, TrackerColumnKind.Text),
        new(DataAsOf, "Data as of", TrackerColumnKind.DateTime),
    ]);

    /// <summary>
    /// One item per school and term: the latest drop of each kind a school sends, as its status and received date, and
    /// whether the school has no accepted drop this term. Schools and dates only: no pupil data.
    /// </summary>
    public static TrackerListDefinition Returns { get; } = new("returns", "SEMH data returns", ReturnId,
    [
        new(ReturnId, "Return id", TrackerColumnKind.Text, Indexed: true, Unique: true),
        new(Title, "Title", TrackerColumnKind.Text),
        new(School, "School", TrackerColumnKind.Text, Indexed: true),
        new(SchoolName, "School name", TrackerColumnKind.Text),
        new(Term, "Term", TrackerColumnKind.Text),
        new(AcademicYear, "Academic year", TrackerColumnKind.Text, Indexed: true),
        .. ReturnsTracker.SchoolKinds.Select(k => new TrackerColumn(k, k, TrackerColumnKind.Text)),
        new(Missing, "Missing", TrackerColumnKind.Boolean),
        new(UpdatedAt, "Updated at", TrackerColumnKind.DateTime),
    ]);
}
