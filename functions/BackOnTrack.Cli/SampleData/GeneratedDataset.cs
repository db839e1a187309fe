using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Cli.SampleData;

/// <summary>
/// What <see cref="SampleDatasetGenerator.Generate"/> wrote, and what the good data in it adds up to. Every pupil,
/// name and school in it is invented.
/// </summary>
/// <param name="AsOf">The as-of date the dataset was generated for (files read with a later clock are still valid).</param>
/// <param name="AcademicYear">The last full academic year before <paramref name="AsOf"/>, which the data describes.</param>
/// <param name="AttendanceFrom">First day of the attendance data (the first day of the autumn term).</param>
/// <param name="AttendanceTo">Last day of the attendance data (the last day of the autumn term).</param>
/// <param name="Schools">The schools, as the schools register lists them.</param>
/// <param name="Files">Every file written, by its path relative to the output folder (= its blob name in <c>drops</c>).</param>
/// <param name="Truth">The good data's figures: one row per school (<c>All</c>), and the LA's <c>All</c> and phase rows.</param>
/// <param name="Pupils">Every invented pupil's identifying values (UPN, name, date of birth).</param>
/// <param name="Plan">The SEMH action plan and owners file under <c>plans/</c> (uploaded to container <c>plans</c>, not in <paramref name="Files"/>).</param>
/// <param name="EarlyWarnings">The pupils planted on each path of the early-warning rules, and the dates their paths turn on.</param>
public sealed record GeneratedDataset(
    DateOnly AsOf,
    AcademicYear AcademicYear,
    DateOnly AttendanceFrom,
    DateOnly AttendanceTo,
    IReadOnlyList<GeneratedSchool> Schools,
    IReadOnlyList<GeneratedFile> Files,
    IReadOnlyList<TruthFigures> Truth,
    IReadOnlyList<PupilIdentity> Pupils,
    GeneratedPlan Plan,
    IReadOnlyList<PlantedEarlyWarning> EarlyWarnings)
{
    /// <summary>The truth row for a scope (a LAESTAB or <c>LA</c>) and breakdown (<c>All</c>, <c>Phase-Primary</c>, …).</summary>
    /// <exception cref="KeyNotFoundException">The dataset has no such row.</exception>
    public TruthFigures TruthFor(string scope, string breakdown = TruthFigures.AllBreakdown) =>
        Truth.SingleOrDefault(t => t.Scope == scope && t.Breakdown == breakdown)
        ?? throw new KeyNotFoundException($"The sample dataset has no truth row for {scope} / {breakdown}.");
}

/// <summary>A school of the sample LA.</summary>
/// <param name="Laestab">The school's DfE number (also its folder in <c>drops</c>).</param>
/// <param name="Urn">Its 6-digit URN.</param>
/// <param name="Name">Its (invented) name.</param>
/// <param name="Phase">Its phase as metrics split it.</param>
/// <summary>
/// What identifies an invented pupil in the files: the values the hub must never store, report, queue or log
/// (privacy tests search every output for them).
/// </summary>
public sealed record PupilIdentity(string Upn, string Forename, string Surname, DateOnly DateOfBirth);

public sealed record GeneratedSchool(string Laestab, string Urn, string Name, SchoolPhase Phase);

/// <summary>What the hub should do with a generated file.</summary>
public enum ExpectedOutcome
{
    /// <summary>Read and stored: its planted bad rows are rejected one by one, well under the reject threshold.</summary>
    Accepted,

    /// <summary>Rejected whole (unreadable or of unknown kind) and quarantined; nothing from it is stored.</summary>
    RejectedWhole,
}

/// <summary>One file the generator wrote.</summary>
/// <param name="RelativePath">Its path under the output folder, with <c>/</c> separators: upload it as blob <c>drops/{RelativePath}</c>.</param>
/// <param name="School">The LAESTAB whose folder it is in, or null for an LA-wide file (<c>la/…</c>).</param>
/// <param name="Kind">The kind the hub detects; null for a file rejected whole.</param>
/// <param name="Layout">The layout the hub detects; null for a file rejected whole.</param>
/// <param name="Outcome">Whether the hub stores it or rejects it whole.</param>
/// <param name="DataRows">The rows the hub reads below the header (its RowsRead); 0 for a file rejected whole.</param>
/// <param name="BadRows">The rows deliberately made bad, each of which the hub must reject; every other row is good.</param>
/// <param name="PersonalColumns">Headings of the columns holding (invented) names or dates of birth, which the hub must drop.</param>
public sealed record GeneratedFile(
    string RelativePath,
    string? School,
    DropKind? Kind,
    DropLayout? Layout,
    ExpectedOutcome Outcome,
    int DataRows,
    IReadOnlyList<PlantedBadRow> BadRows,
    IReadOnlyList<string> PersonalColumns);

/// <summary>A row made bad on purpose.</summary>
/// <param name="RowNumber">Its row number as a spreadsheet shows it (and as the hub's report gives it).</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record PlantedBadRow(int RowNumber, string Problem);

/// <summary>
/// What one scope's good data adds up to for <see cref="AcademicYear"/>, computed from the generated records, not by
/// reading the files. Bad rows are extra rows, so they never take anything away from these figures.
/// </summary>
/// <remarks>
/// <para>Scopes and breakdowns follow docs/architecture.md §Storage: each school has an <c>All</c> row; the LA has <c>All</c> (primary,
/// secondary and special schools, as DfE's "Total": the pupil referral unit is left out) and one <c>Phase-…</c> row per
/// phase present. LA figures are sums of school figures.</para>
/// <para>Exclusions (docs/domain.md §Exclusions): permanent exclusions and suspensions (FIXD) that were not withdrawn; lunchtime
/// exclusions are counted nowhere. Headcount: pupils on roll on the spring census day (the third Thursday of January),
/// as the schools register gives it.</para>
/// <para>Attendance (docs/domain.md §Attendance, §Absence measures): the only attendance data is the autumn term (<see cref="GeneratedDataset.AttendanceFrom"/>
/// to <see cref="GeneratedDataset.AttendanceTo"/>), from marks or, for one school, per-pupil summaries of the same
/// kind of register, so the figures for the autumn term and for the whole year are the same. Only pupils in NC years
/// 1–11 count (compulsory school age; reception and sixth form are left out). Possible sessions are present, approved
/// educational activity, authorised and unauthorised absence; codes outside possible sessions (<c>#</c>, <c>X</c>, …)
/// count nowhere. Enrolments are the pupils with at least one possible session.</para>
/// </remarks>
public sealed record TruthFigures(
    string Scope,
    string Breakdown,
    AcademicYear AcademicYear,
    int Headcount,
    int PermanentExclusions,
    int Suspensions,
    int PupilsWithOneOrMoreSuspensions,
    int SuspensionSessions,
    int Enrolments,
    int PossibleSessions,
    int AuthorisedAbsenceSessions,
    int UnauthorisedAbsenceSessions)
{
    /// <summary>The breakdown covering a whole scope.</summary>
    public const string AllBreakdown = "All";

    /// <summary>Authorised plus unauthorised absence sessions.</summary>
    public int AbsenceSessions => AuthorisedAbsenceSessions + UnauthorisedAbsenceSessions;
}
