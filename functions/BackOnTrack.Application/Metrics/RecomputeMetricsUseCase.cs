using BackOnTrack.Application.EarlyWarning;
using BackOnTrack.Core.Messages;
using System.Text.Json;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Application.Metrics;

/// <summary>What one recompute changed.</summary>
public sealed record RecomputeResult(IReadOnlyList<string> ScopesChanged, int SchoolsRecomputed, int CohortsRecomputed);

/// <summary>
/// Recomputes one school's Metrics for a year from its stored rows, then the LA roll-up from the schools' Metrics rows
/// (so one school's drop never rescans the others' data). A request for the LA scope (a schools register drop)
/// recomputes every school the register or the drops name for that year. Writes are conditional on the version read
/// (see <see cref="IMetricRows"/>): a recompute that lost a race computes again, so concurrent recomputes never lose
/// an update. Each scope whose figures changed gets a <c>tracker-sync</c> message. The intervention cohorts with a
/// pupil at a recomputed school (every cohort, for the LA scope) get their before/after outcomes recomputed. Every
/// change to a school's exclusions or attendance (ingest, reprocess, withdrawal, erasure) comes through here, so the
/// school's early-warning flags are recomputed here too (every school's, for the LA scope: cohorts show on the flags).
/// </summary>
public sealed partial class RecomputeMetricsUseCase(
    ITrackerSyncRequests trackerSync,
    IMetricFacts facts,
    IMetricRows metrics,
    IDropRegistry drops,
    ICohortOutcomes cohortOutcomes,
    RecomputeEarlyWarningsUseCase earlyWarnings,
    TimeProvider clock,
    ILogger<RecomputeMetricsUseCase> logger)
{
    private const int MaxAttempts = 20;

    public async Task<RecomputeResult> RecomputeAsync(string scope, AcademicYear year, CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        // A school's recompute reads only its own drops and the LA's (for the register); the LA's reads them all, to find
        // every school with data for the year.
        var registry = scope == DropLocation.LaScope
            ? await drops.ListAllAsync(cancellationToken).ConfigureAwait(false)
            : [.. await drops.ListAsync(scope, cancellationToken).ConfigureAwait(false), .. await drops.ListAsync(DropLocation.LaScope, cancellationToken).ConfigureAwait(false)];
        var processed = registry.Where(d => d.Status == DropStatus.Processed).ToList();
        IReadOnlyList<Laestab> schools;
        if (scope == DropLocation.LaScope)
        {
            var register = await facts.RegisterAsync(year, cancellationToken).ConfigureAwait(false);
            var withData = processed.SelectMany(d => d.SchoolYears).Where(sy => sy.EndsWith("|" + year, StringComparison.Ordinal)).Select(sy => sy[..sy.IndexOf('|', StringComparison.Ordinal)]);
            schools = [.. register.Keys.Concat(withData).Where(s => s != DropLocation.LaScope).Distinct().Order(StringComparer.Ordinal).Select(Laestab.Parse)];
        }
        else
        {
            schools = [Laestab.Parse(scope)];
        }

        var cohortsOf = await facts.CohortsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var school in schools)
        {
            if (await RecomputeSchoolAsync(school, year, processed, cohortsOf, cancellationToken).ConfigureAwait(false))
            {
                changed.Add(school.Value);
            }
        }

        if (await RollUpAsync(year, cancellationToken).ConfigureAwait(false))
        {
            changed.Add(DropLocation.LaScope);
        }

        var cohorts = await RecomputeCohortsAsync(scope == DropLocation.LaScope ? null : schools[0].Value, cancellationToken).ConfigureAwait(false);
        var warnings = scope == DropLocation.LaScope
            ? await earlyWarnings.RecomputeAllAsync(cancellationToken).ConfigureAwait(false)
            : await earlyWarnings.RecomputeSchoolAsync(schools[0], cancellationToken).ConfigureAwait(false);

        // The figures list carries the early-warning counts in the year of their as-of date, which need not be the year
        // recomputed here (a late drop for last year moves this year's flags): a school whose flags changed, and then
        // the LA, get that year's figures synced even when their Metrics did not change.
        var syncs = changed.Select(s => (Scope: s, Year: year)).ToList();
        if (warnings.SchoolsChanged.Count > 0)
        {
            var warningYear = AcademicYear.FromDate(warnings.AsOf);
            syncs.AddRange(warnings.SchoolsChanged.Append(DropLocation.LaScope).Select(s => (Scope: s, Year: warningYear)));
        }

        foreach (var (changedScope, changedYear) in syncs.Distinct())
        {
            await trackerSync.RequestAsync(new TrackerSyncRequest.Figures(Scope.Parse(changedScope), changedYear), cancellationToken).ConfigureAwait(false);
        }

        LogRecomputed(logger, scope, year, schools.Count, changed.Count, cohorts);
        return new RecomputeResult(changed, schools.Count, cohorts);
    }

    private async Task<bool> RecomputeSchoolAsync(
        Laestab school, AcademicYear year, IReadOnlyList<DataDrop> processed, IReadOnlyDictionary<string, IReadOnlyList<string>> cohortsOf, CancellationToken cancellationToken)
    {
        var dataAsOf = processed
            .Where(d => d.SchoolYears.Contains($"{school.Value}|{year}") || d.SchoolYears.Contains($"{DropLocation.LaScope}|{year}"))
            .Max(d => d.ProcessedAt);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // Read the version before the data: a write that lands after this read makes our write fail, and we start again.
            var version = await metrics.ReadVersionAsync(school.Value, year.ToString(), cancellationToken).ConfigureAwait(false);
            var rows = SchoolMetrics.Compute(await facts.ReadAsync(school, year, cohortsOf, cancellationToken).ConfigureAwait(false));
            var result = await metrics.ReplaceAsync(version, rows, dataAsOf, cancellationToken).ConfigureAwait(false);
            if (result != MetricsWriteResult.Conflict)
            {
                return result == MetricsWriteResult.Written;
            }

            LogConflict(logger, school.Value, year, attempt);
        }

        throw new InvalidOperationException($"Metrics for {school.Value} {year} lost the race {MaxAttempts} times; the message will be retried.");
    }

    /// <summary>Recomputes the outcomes of every cohort with a member at <paramref name="school"/> (every cohort when null).</summary>
    private async Task<int> RecomputeCohortsAsync(string? school, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var recomputed = 0;
        foreach (var (cohort, members) in await facts.CohortMembersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (school is not null && !members.Any(m => m.School.Value == school))
            {
                continue;
            }

            var memberFacts = new List<CohortMemberFacts>();
            foreach (var (pupil, memberSchool, start) in members)
            {
                memberFacts.Add(await facts.CohortMemberAsync(
                    pupil, memberSchool, start, start.AddDays(-CohortOutcomes.WindowDays), start.AddDays(CohortOutcomes.WindowDays), cancellationToken).ConfigureAwait(false));
            }

            await cohortOutcomes.ReplaceAsync(cohort, CohortOutcomes.Compute(memberFacts, today), clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            recomputed++;
        }

        return recomputed;
    }

    private async Task<bool> RollUpAsync(AcademicYear year, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var version = await metrics.ReadVersionAsync(DropLocation.LaScope, year.ToString(), cancellationToken).ConfigureAwait(false);
            var register = await facts.RegisterAsync(year, cancellationToken).ConfigureAwait(false);
            var (bySchool, dataAsOf) = await metrics.ReadSchoolsAsync(year.ToString(), cancellationToken).ConfigureAwait(false);
            var rows = LaRollUp.Sum(bySchool.Select(s => new SchoolRows(s.Key, register.TryGetValue(s.Key, out var phase) ? phase : null, s.Value)));
            var result = await metrics.ReplaceAsync(version, rows, dataAsOf, cancellationToken).ConfigureAwait(false);
            if (result != MetricsWriteResult.Conflict)
            {
                return result == MetricsWriteResult.Written;
            }

            LogConflict(logger, DropLocation.LaScope, year, attempt);
        }

        throw new InvalidOperationException($"The LA roll-up for {year} lost the race {MaxAttempts} times; the message will be retried.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics recomputed for {Scope} {AcademicYear}: {Schools} school(s), {Changed} scope(s) changed, {Cohorts} cohort(s) recomputed")]
    private static partial void LogRecomputed(ILogger logger, string scope, AcademicYear academicYear, int schools, int changed, int cohorts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics for {Scope} {AcademicYear} were written by another recompute first (attempt {Attempt}); computing again")]
    private static partial void LogConflict(ILogger logger, string scope, AcademicYear academicYear, int attempt);
}
