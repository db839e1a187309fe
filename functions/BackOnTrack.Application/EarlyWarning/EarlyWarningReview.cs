using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.EarlyWarning;

/// <summary>One pupil's line in the LA's early-warning list: by pupil key only, never a UPN or a name.</summary>
/// <param name="FirstFlaggedAt">When the hub first flagged them; null in a replay as of a past date (the table keeps it, a replay cannot know it).</param>
public sealed record EarlyWarningLine(
    string Laestab, string PupilKey, string NcYear, string Cohort, bool Flagged, EarlyWarningStatus Status, DateTimeOffset? FirstFlaggedAt, IReadOnlyList<ReasonEvidence> Evidence);

/// <param name="FromTable">True when the lines are the EarlyWarnings table as the last recompute left it; false for a replay as of <see cref="AsOf"/>.</param>
public sealed record EarlyWarningList(DateOnly? AsOf, bool FromTable, IReadOnlyList<EarlyWarningLine> Lines);

/// <summary>
/// The LA's view of early warnings for the <c>early-warning</c> verb, and the backtest. Without a date: the EarlyWarnings
/// table as the last recompute wrote it. As of a date: the rules replayed over the stored data as of that date, without
/// writing anything, each pupil's status judged against the same replay a week earlier (the weekly recompute's step):
/// New (flagged now, not then), Continuing (both), Cleared (then, not now).
/// </summary>
public sealed class EarlyWarningReview(
    IEarlyWarningFacts facts,
    IEarlyWarnings store,
    IMetricFacts cohorts,
    IDropRegistry drops,
    IOptions<EarlyWarningOptions> options,
    TimeProvider clock)
{
    public async Task<EarlyWarningList> ListAsync(Laestab? school, DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (asOf is null)
        {
            var rows = school is { } one
                ? new Dictionary<string, List<EarlyWarningFlag>> { [one.Value] = [.. (await store.ReadSchoolAsync(one, cancellationToken).ConfigureAwait(false)).Select(s => s.Flag)] }
                : (await store.ReadAllAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var lines = rows.SelectMany(p => p.Value.Select(f => new EarlyWarningLine(p.Key, f.PupilKey, f.NcYear, f.Cohort, f.Flagged, f.Status, f.FirstFlaggedAt, f.Evidence))).ToList();
            return new EarlyWarningList(lines.Count == 0 ? null : rows.Values.SelectMany(f => f).Max(f => f.AsOf), true, Ordered(lines));
        }

        var date = asOf.Value;
        var settings = options.Value;
        var rules = new EarlyWarningRules(settings.ToThresholds());
        var weekBefore = date.AddDays(-7);
        var years = RecomputeEarlyWarningsUseCase.YearsToRead(settings, date).Union(RecomputeEarlyWarningsUseCase.YearsToRead(settings, weekBefore)).Order().ToList();
        var cohortsOf = await cohorts.CohortsAsync(cancellationToken).ConfigureAwait(false);
        var replayed = new List<EarlyWarningLine>();
        foreach (var one in school is { } s ? [s] : await SchoolsAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var pupil in await facts.ReadSchoolAsync(one, years, cancellationToken).ConfigureAwait(false))
            {
                var now = rules.Assess(pupil, date);
                var then = rules.Assess(pupil, weekBefore);
                if (!now.Flagged && !then.Flagged)
                {
                    continue;
                }

                var status = now.Flagged ? then.Flagged ? EarlyWarningStatus.Continuing : EarlyWarningStatus.New : EarlyWarningStatus.Cleared;
                var cohort = cohortsOf.TryGetValue(pupil.PupilKey, out var names) ? string.Join(",", names.Order(StringComparer.Ordinal)) : "";
                replayed.Add(new EarlyWarningLine(one.Value, pupil.PupilKey, now.NcYear, cohort, now.Flagged, status, null, now.Reasons));
            }
        }

        return new EarlyWarningList(date, false, Ordered(replayed));
    }

    /// <summary>
    /// Replays the rules across an academic year (to today at the latest) at monthly or weekly as-of dates and scores
    /// each reason and the flag rule against the permanent exclusions and suspensions that followed.
    /// </summary>
    public async Task<BacktestResult> BacktestAsync(AcademicYear year, int leadDays, BacktestInterval interval, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var dates = EarlyWarningBacktest.AsOfDates(year, interval, today);
        var years = RecomputeEarlyWarningsUseCase.YearsToRead(settings, year.End).Where(y => y <= year).ToList();
        var histories = new List<PupilHistory>();
        foreach (var school in await SchoolsAsync(cancellationToken).ConfigureAwait(false))
        {
            histories.AddRange(await facts.ReadSchoolAsync(school, years, cancellationToken).ConfigureAwait(false));
        }

        return EarlyWarningBacktest.Run(histories, new EarlyWarningRules(settings.ToThresholds()), year, dates, leadDays);
    }

    private Task<IReadOnlyList<Laestab>> SchoolsAsync(CancellationToken cancellationToken) => RecomputeEarlyWarningsUseCase.SchoolsAsync(drops, store, cancellationToken);

    private static List<EarlyWarningLine> Ordered(IEnumerable<EarlyWarningLine> lines) =>
        [.. lines.OrderBy(l => l.Laestab, StringComparer.Ordinal).ThenBy(l => l.Status).ThenBy(l => l.PupilKey, StringComparer.Ordinal)];
}
