using BackOnTrack.Core.Schools;

namespace BackOnTrack.Cli.SampleData;

/// <summary>How many exclusions of each sort a sample school has in the year.</summary>
/// <param name="Suspensions">Suspensions that stand (counted).</param>
/// <param name="SuspendedPupils">How many pupils share them (each has at least one).</param>
/// <param name="Lunchtime">Lunchtime exclusions (never counted).</param>
/// <param name="Permanent">Permanent exclusions that stand.</param>
/// <param name="RescindedPermanent">Permanent exclusions later rescinded (not counted).</param>
/// <param name="WithdrawnSuspensions">Suspensions later withdrawn (not counted).</param>
internal sealed record ExclusionPlan(int Suspensions, int SuspendedPupils, int Lunchtime, int Permanent, int RescindedPermanent, int WithdrawnSuspensions);

/// <summary>The columns and format of a school's exclusions file (each imitates a way schools export them).</summary>
internal enum ExclusionsLayout
{
    /// <summary>The LA's CSV template: canonical headings, census codes, dd/MM/yyyy.</summary>
    LaTemplate,

    /// <summary>An MIS CSV: "Year 3", "Fixed Term", lengths in Days, reasons as DfE descriptions, d MMM yyyy.</summary>
    MisWithDaysAndDescriptions,

    /// <summary>A short CSV: Type as words, ISO dates, one reason code.</summary>
    ShortWithIsoDates,

    /// <summary>An MIS XLSX report: title rows, pupil names, Excel dates, "PD - Persistent disruptive behaviour".</summary>
    TitledWorkbookWithNames,

    /// <summary>A UTF-8 CSV with a byte-order mark, a DfE Number column and a status column.</summary>
    DfeNumberWithStatus,

    /// <summary>A CSV with the long MIS headings ("Exclusion Start Date", "Number of Sessions", "Exclusion Reason 1").</summary>
    LongMisHeadings,
}

/// <summary>How a school sends its autumn-term attendance.</summary>
internal enum AttendanceLayout
{
    /// <summary>Marks, one row per pupil and session, canonical headings, sorted by pupil.</summary>
    LongForm,

    /// <summary>Marks, one row per pupil and session, MIS headings and ISO dates, sorted by date.</summary>
    LongFormMisHeadings,

    /// <summary>Marks as a grid (a column per session, "02/09/2024 AM"), Windows-1252 CSV with pupil names.</summary>
    WideFormWithNames,

    /// <summary>Marks, one row per pupil and session, as an XLSX report with title rows above the header.</summary>
    LongFormWorkbook,

    /// <summary>Marks as a grid ("Mon 02/09/2024 AM") in an XLSX report with title rows and pupil names.</summary>
    WideFormWorkbook,

    /// <summary>Per-pupil session counts for the term instead of marks.</summary>
    Summary,
}

/// <summary>A sort of bad row the generator plants among good ones (as an extra row: the good data stays whole).</summary>
internal enum BadRowKind
{
    WrongCheckLetter,
    FutureDate,
    UnknownReasonCode,
    ZeroSessionSuspension,
    DuplicateRow,
    NoMarkEntered,
    UnknownMarkCode,
    MissingNcYear,
    CountsDoNotAddUp,
}

/// <summary>One sample school: who it is, its pupils per year group, its exclusions, and how it sends its files.</summary>
/// <param name="Estab">The 4-digit establishment number (LAESTAB = LA code + this).</param>
/// <param name="Urn">The 6-digit URN.</param>
/// <param name="Name">An invented name.</param>
/// <param name="Phase">The phase metrics use.</param>
/// <param name="PhaseAsWritten">The phase as the schools register writes it (a census code or words).</param>
/// <param name="YearGroups">Pupils per NC year (0 = reception) on roll from the start of the year.</param>
/// <param name="Joiners">Pupils who arrive during the autumn term (on roll at the census).</param>
/// <param name="TemporaryUpns">How many of the joiners have a temporary UPN, their permanent one not yet known.</param>
/// <param name="Leavers">Pupils who leave during the autumn term (not on roll at the census).</param>
/// <param name="ExclusionsBadRows">Bad rows to plant in the exclusions file.</param>
/// <param name="AttendanceBadRows">Bad rows to plant in the attendance file.</param>
internal sealed record SchoolPlan(
    string Estab,
    string Urn,
    string Name,
    SchoolPhase Phase,
    string PhaseAsWritten,
    IReadOnlyList<(int Year, int Pupils)> YearGroups,
    int Joiners,
    int TemporaryUpns,
    int Leavers,
    ExclusionPlan Exclusions,
    ExclusionsLayout ExclusionsLayout,
    IReadOnlyList<BadRowKind> ExclusionsBadRows,
    AttendanceLayout AttendanceLayout,
    IReadOnlyList<BadRowKind> AttendanceBadRows);
