using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.BoardPack;

/// <summary>
/// The strategy board's monthly pack (docs/architecture.md §Board pack) as plain data: every section the PDF and the HTML show, each figure
/// with the table rows it came from. Built by <see cref="BoardPackBuilder"/>; rendered elsewhere.
/// </summary>
/// <param name="CurrentYear">The academic year of the as-of date (figures "to date").</param>
/// <param name="LastFullYear">The academic year before it.</param>
/// <param name="EarlyWarnings">Null when the hub holds no early-warning table: the section is left out.</param>
public sealed record BoardPackModel(
    string LocalAuthority,
    string Region,
    DateOnly AsOf,
    AcademicYear CurrentYear,
    AcademicYear LastFullYear,
    PackSources Sources,
    HeadlineSection Headlines,
    ExclusionsTrendSection Trend,
    NcYearSection ThisYearByNcYear,
    AttendanceSection Attendance,
    CohortSection Cohorts,
    EarlyWarningSection? EarlyWarnings,
    ActionPlanSection ActionPlan,
    ReturnsSection Returns)
{
    /// <summary>The month the pack is for, <c>yyyy-MM</c> (its folder and file names use it).</summary>
    public string Month => AsOf.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What the figures rest on: the newest school data and the DfE releases used.</summary>
/// <param name="DataTo">The latest DataAsOf of the LA's Metrics rows (UK date); null when the hub holds none.</param>
/// <param name="ExclusionStatistics">The latest year of DfE exclusion statistics held.</param>
/// <param name="AbsenceStatistics">The latest year of DfE absence statistics held.</param>
/// <param name="Line">The source line printed on every page, e.g. "Source: school data drops to 13 Dec 2026; DfE exclusions statistics 2016/17".</param>
public sealed record PackSources(DateOnly? DataTo, AcademicYear? ExclusionStatistics, AcademicYear? AbsenceStatistics, string Line);

/// <summary>A school or LA phase as the pack splits figures; <see cref="Total"/> is DfE's "Total" (primary + secondary + special).</summary>
public enum PackPhase
{
    Total,
    Primary,
    Secondary,
    Special,
    AlternativeProvision,
}

/// <summary>One headline measure: this year so far, last year, England and the region, the LA's rank and the change on last year.</summary>
/// <param name="England">England's rate for the last full year; not available when DfE has published none.</param>
/// <param name="TermThisYear">The latest term of this year with figures.</param>
/// <param name="TermLastYear">The same term a year earlier.</param>
/// <param name="Change">TermThisYear minus TermLastYear, in points: like for like, as exclusion rates grow through a year.</param>
public sealed record HeadlineRow(
    string Measure,
    PackFigure YearToDate,
    PackFigure LastFullYear,
    PackFigure England,
    PackFigure Region,
    PackFigure Rank,
    PackFigure TermThisYear,
    PackFigure TermLastYear,
    PackFigure Change);

/// <summary>
/// The LA beside England and the region in the latest year of DfE statistics held for a measure (exclusion and absence
/// statistics are published on different timetables), the LA's own figure as DfE published it.
/// </summary>
public sealed record ComparisonRow(string Measure, AcademicYear Year, PackFigure LocalAuthority, PackFigure England, PackFigure Region, PackFigure Rank);

/// <summary>The comparison the LA's select-commission reports make: the LA, England, the region and the LA's rank.</summary>
public sealed record BenchmarkComparison(IReadOnlyList<ComparisonRow> Rows);

/// <param name="ComparedTerm">The term <see cref="HeadlineRow.Change"/> compares; null when this year has no termly figures yet.</param>
/// <param name="LatestComparison">Null when the hub holds no DfE statistics at all.</param>
/// <param name="Notes">What the reader needs to know, e.g. that DfE has published nothing for a year yet.</param>
public sealed record HeadlineSection(
    Period? ComparedTerm,
    IReadOnlyList<HeadlineRow> Rows,
    BenchmarkComparison? LatestComparison,
    IReadOnlyList<string> Notes);

/// <summary>Where a trend row's figures come from.</summary>
public enum TrendSource
{
    /// <summary>The hub's own Metrics, from schools' drops.</summary>
    Hub,

    /// <summary>DfE's published figures for the LA (Benchmarks), for years before the hub's data.</summary>
    Dfe,
}

/// <summary>One academic year of exclusions: counts by phase, and rates beside England's and the region's.</summary>
/// <param name="YearToDate">True for the current academic year (not yet a full year).</param>
/// <param name="HasBenchmarks">False when DfE has published nothing for the year; the rates then say so rather than show zeros.</param>
public sealed record TrendRow(
    AcademicYear Year,
    bool YearToDate,
    TrendSource Source,
    IReadOnlyDictionary<PackPhase, PackFigure> Permanent,
    IReadOnlyDictionary<PackPhase, PackFigure> Suspensions,
    PackFigure PermExclRate,
    PackFigure SuspRate,
    PackFigure EnglandPermExclRate,
    PackFigure EnglandSuspRate,
    PackFigure RegionPermExclRate,
    PackFigure RegionSuspRate,
    bool HasBenchmarks);

/// <param name="Phases">The phases shown: Total, Primary, Secondary, and Special / AlternativeProvision where any year has them.</param>
/// <param name="Rows">Oldest year first.</param>
public sealed record ExclusionsTrendSection(IReadOnlyList<PackPhase> Phases, IReadOnlyList<TrendRow> Rows);

/// <summary>One NC year's exclusions this year so far.</summary>
/// <param name="NcYear">The CBDS code: N1, N2, R, 1–14, X.</param>
/// <param name="Label">As printed: "Y10", "Reception".</param>
public sealed record NcYearRow(string NcYear, string Label, PackFigure Permanent, PackFigure Suspensions, PackFigure WithdrawnPermanent);

/// <summary>This year so far by NC year (the Y10/Y11 question) and the permanent exclusions withdrawn.</summary>
public sealed record NcYearSection(AcademicYear Year, IReadOnlyList<NcYearRow> Rows, PackFigure PermanentTotal, PackFigure WithdrawnPermanentTotal, PackFigure WithdrawnPermanentPrimary, PackFigure WithdrawnPermanentSecondary);

/// <summary>One phase's attendance in one period of one year.</summary>
public sealed record AttendanceRow(AcademicYear Year, Period Period, PackPhase Phase, PackFigure Enrolments, PackFigure OverallAbsence, PackFigure PersistentAbsence, PackFigure SevereAbsence);

/// <param name="Rows">Last full year then this year; within each, autumn, spring, summer, then the year; within each, Total first.</param>
public sealed record AttendanceSection(IReadOnlyList<PackPhase> Phases, IReadOnlyList<AttendanceRow> Rows, IReadOnlyList<string> Notes);

/// <summary>One cohort's before/after figures for one scope, in the form the Back on Track results were reported.</summary>
/// <param name="Scope"><c>LA</c> or a LAESTAB.</param>
/// <param name="Name">The school's name from the register, or the LA's name for the LA row.</param>
public sealed record CohortRow(
    string Cohort,
    string Scope,
    string Name,
    PackFigure Pupils,
    PackFigure SuspensionsBefore,
    PackFigure SuspensionsAfter,
    PackFigure SuspensionsChange,
    PackFigure SuspensionsPerPupilBefore,
    PackFigure SuspensionsPerPupilAfter,
    PackFigure SessionsLostBefore,
    PackFigure SessionsLostAfter,
    PackFigure AttendanceBefore,
    PackFigure AttendanceAfter,
    PackFigure AttendanceImprovedShare);

/// <param name="Rows">Per cohort: the LA row first, then its schools.</param>
public sealed record CohortSection(IReadOnlyList<CohortRow> Rows);

/// <summary>One school's flagged pupils, in all and per reason.</summary>
public sealed record EarlyWarningSchoolRow(string Laestab, string Name, PackFigure Flagged, IReadOnlyDictionary<string, PackFigure> ByReason);

/// <param name="Reasons">The reasons that occur, in §Early warning of docs/architecture.md order.</param>
public sealed record EarlyWarningSection(IReadOnlyList<string> Reasons, IReadOnlyList<EarlyWarningSchoolRow> Schools, PackFigure FlaggedTotal, IReadOnlyDictionary<string, PackFigure> TotalByReason);

/// <summary>One priority's actions by RAG rating.</summary>
public sealed record PriorityRag(int Priority, string Title, PackFigure Actions, PackFigure Green, PackFigure Amber, PackFigure Red, PackFigure Complete);

/// <summary>An open action past its due date, with its owners (role names).</summary>
/// <param name="ActionId">The tracker's key, <c>{planId}/{actionKey}</c>.</param>
public sealed record OverdueAction(string ActionId, string ActionRef, int Priority, string Title, IReadOnlyList<string> Owners, DateOnly DueDate, int DaysOverdue, bool Escalated, RowRef Source);

/// <param name="Overdue">Overdue actions not yet escalated, earliest due first.</param>
/// <param name="Escalated">Overdue by more than 28 days, earliest due first.</param>
public sealed record ActionPlanSection(IReadOnlyList<PriorityRag> ByPriority, IReadOnlyList<OverdueAction> Overdue, IReadOnlyList<OverdueAction> Escalated);

/// <summary>A school with no accepted drop this term, and what it did send.</summary>
public sealed record OutstandingReturn(string Laestab, string Name, IReadOnlyList<string> KindsAccepted, string? LatestStatus, RowRef Source);

/// <param name="Term">Null when there is no register to expect returns from.</param>
public sealed record ReturnsSection(AcademicYear Year, Period? Term, PackFigure Expected, PackFigure Received, IReadOnlyList<OutstandingReturn> Outstanding);
