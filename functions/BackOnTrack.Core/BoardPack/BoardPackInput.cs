using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Prompts;
using BackOnTrack.Core.Returns;

namespace BackOnTrack.Core.BoardPack;

/// <summary>One Metrics row (docs/architecture.md §Storage): PartitionKey the scope, RowKey <c>{yyyy-yy}_{period}_{breakdown}</c>.</summary>
/// <param name="DataAsOf">The row's DataAsOf: the latest processing time of the drops behind it.</param>
public sealed record MetricRecord(string Scope, AcademicYear Year, string Period, string Breakdown, MetricValues Values, DateTimeOffset? DataAsOf)
{
    public string RowKey => $"{Year}_{Period}_{Breakdown}";

    public RowRef Ref(string property) => new("Metrics", Scope, RowKey, property);
}

/// <summary>
/// One Benchmarks row (docs/architecture.md §Storage): DfE's published figures for a year, period, area and phase, with the home LA's
/// ranks on its own rows. Rates are the unrounded ones the table keeps; null where DfE published none.
/// </summary>
public sealed record BenchmarkRecord(AcademicYear Year, BenchmarkPeriod Period, BenchmarkLevel Level, string Name, BenchmarkPhase Phase)
{
    public double? PermExcl { get; init; }
    public double? Susp { get; init; }
    public double? PermExclRate { get; init; }
    public double? SuspRate { get; init; }
    public double? OverallAbsenceRate { get; init; }
    public double? PersistentAbsenceRate { get; init; }
    public double? SevereAbsenceRate { get; init; }
    public BenchmarkRank? PermExclRank { get; init; }
    public BenchmarkRank? SuspRank { get; init; }

    public string PartitionKey => BenchmarkKeys.Partition(Year, Period);

    public string RowKey => BenchmarkKeys.Row(Level, Name, Phase);

    public RowRef Ref(string property) => new("Benchmarks", PartitionKey, RowKey, property);

    /// <summary>True when the row holds any exclusion figure.</summary>
    public bool HasExclusions => PermExcl is not null || Susp is not null || PermExclRate is not null || SuspRate is not null;

    /// <summary>True when the row holds any absence figure.</summary>
    public bool HasAbsence => OverallAbsenceRate is not null || PersistentAbsenceRate is not null || SevereAbsenceRate is not null;
}

/// <summary>One CohortOutcomes row (docs/architecture.md §Storage): PartitionKey the cohort name, RowKey the scope (<c>LA</c> or a LAESTAB).</summary>
public sealed record CohortOutcomeRecord(string Cohort, CohortOutcome Outcome)
{
    public RowRef Ref(string property) => new("CohortOutcomes", Cohort, Outcome.Scope, property);
}

/// <summary>
/// One EarlyWarnings row (docs/architecture.md §Early warning) with only what the pack counts: the school, whether the pupil is flagged and for
/// which reasons. The pupil key is never read into the pack.
/// </summary>
public sealed record EarlyWarningRecord(string Laestab, bool Flagged, IReadOnlyList<string> Reasons);

/// <summary>Everything the pack is built from, read from the hub's tables for one as-of date.</summary>
/// <param name="LocalAuthority">The home LA as DfE names it (Hub:LocalAuthority).</param>
/// <param name="Region">The LA's region as DfE names it (Hub:Region).</param>
/// <param name="AsOf">The UK date the pack describes.</param>
/// <param name="Metrics">Metrics rows: the LA scope for every year held (schools' rows are not read).</param>
/// <param name="Benchmarks">Benchmarks rows for England, the region and the LAs, every year held.</param>
/// <param name="Cohorts">CohortOutcomes rows.</param>
/// <param name="Actions">The Actions table's actions with their plans.</param>
/// <param name="Returns">The returns tracker for the as-of date's term; null when there is no register yet.</param>
/// <param name="Schools">The schools register (for names).</param>
/// <param name="EarlyWarnings">EarlyWarnings rows; null when the hub has no early-warning table, and the pack leaves the section out.</param>
public sealed record BoardPackInput(
    string LocalAuthority,
    string Region,
    DateOnly AsOf,
    IReadOnlyList<MetricRecord> Metrics,
    IReadOnlyList<BenchmarkRecord> Benchmarks,
    IReadOnlyList<CohortOutcomeRecord> Cohorts,
    IReadOnlyList<PlannedAction> Actions,
    TermReturns? Returns,
    IReadOnlyList<RegisteredSchool> Schools,
    IReadOnlyList<EarlyWarningRecord>? EarlyWarnings);
