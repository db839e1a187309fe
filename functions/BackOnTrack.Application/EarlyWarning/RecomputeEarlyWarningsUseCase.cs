using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.EarlyWarning;

/// <summary>What one recompute did, in counts only, and which schools' rows it changed (their figures-list counts follow).</summary>
public sealed record EarlyWarningRecomputeResult(DateOnly AsOf, int Schools, int Pupils, int Flagged, int NewlyFlagged, int Cleared, int RowsWritten, int RowsRemoved)
{
    public IReadOnlyList<string> SchoolsChanged { get; init; } = [];
}

/// <summary>
/// Recomputes early-warning flags as of the hub's clock: for each school, its stored exclusions and attendance are read
/// once (the academic years the longest window reaches back into), every pupil is assessed by the rules, and the
/// school's EarlyWarnings rows are brought in line: new flags added, flags moved to Continuing or Cleared, rows of
/// pupils the school no longer holds any record of removed. Writes are conditional on the rows read, so a recompute
/// that lost a race to another reads and computes again. Run for a school whenever its data changes (with its
/// metrics) and for every school weekly, so the windows move with time.
/// </summary>
public sealed partial class RecomputeEarlyWarningsUseCase(
    IEarlyWarningFacts facts,
    IEarlyWarnings store,
    IMetricFacts cohorts,
    IDropRegistry drops,
    IOptions<EarlyWarningOptions> options,
    TimeProvider clock,
    ILogger<RecomputeEarlyWarningsUseCase> logger)
{
    private const int MaxAttempts = 20;

    /// <summary>Recomputes one school's flags.</summary>
    public Task<EarlyWarningRecomputeResult> RecomputeSchoolAsync(Laestab school, CancellationToken cancellationToken) =>
        RecomputeAsync([school], cancellationToken);

    /// <summary>
    /// The weekly run: every school any drop has described, and every school that already has EarlyWarnings rows (so a
    /// school whose data was all withdrawn loses its flags too).
    /// </summary>
    public async Task<EarlyWarningRecomputeResult> RecomputeAllAsync(CancellationToken cancellationToken) =>
        await RecomputeAsync(await SchoolsAsync(drops, store, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Every school any drop has described, and every school with EarlyWarnings rows, in LAESTAB order.</summary>
    internal static async Task<IReadOnlyList<Laestab>> SchoolsAsync(IDropRegistry drops, IEarlyWarnings store, CancellationToken cancellationToken)
    {
        var fromDrops = (await drops.ListAllAsync(cancellationToken).ConfigureAwait(false))
            .SelectMany(d => d.SchoolYears)
            .Select(sy => sy[..Math.Max(0, sy.IndexOf('|', StringComparison.Ordinal))]);
        var fromFlags = (await store.ReadAllAsync(cancellationToken).ConfigureAwait(false)).Keys;
        return fromDrops.Concat(fromFlags)
            .Where(s => s != DropLocation.LaScope)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(s => Laestab.TryParse(s, out var school, out _) ? school : null)
            .OfType<Laestab>()
            .ToList();
    }

    private async Task<EarlyWarningRecomputeResult> RecomputeAsync(IReadOnlyList<Laestab> schools, CancellationToken cancellationToken)
    {
        var asOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var settings = options.Value;
        var rules = new EarlyWarningRules(settings.ToThresholds());
        var years = YearsToRead(settings, asOf);
        var cohortsOf = await cohorts.CohortsAsync(cancellationToken).ConfigureAwait(false);
        var total = new EarlyWarningRecomputeResult(asOf, 0, 0, 0, 0, 0, 0, 0);
        foreach (var school in schools)
        {
            var result = await RecomputeOneAsync(school, rules, years, cohortsOf, asOf, cancellationToken).ConfigureAwait(false);
            total = total with
            {
                Schools = total.Schools + 1,
                Pupils = total.Pupils + result.Pupils,
                Flagged = total.Flagged + result.Flagged,
                NewlyFlagged = total.NewlyFlagged + result.NewlyFlagged,
                Cleared = total.Cleared + result.Cleared,
                RowsWritten = total.RowsWritten + result.RowsWritten,
                RowsRemoved = total.RowsRemoved + result.RowsRemoved,
                SchoolsChanged = result.RowsWritten + result.RowsRemoved > 0 ? [.. total.SchoolsChanged, school.Value] : total.SchoolsChanged,
            };
        }

        LogRecomputed(logger, asOf, total.Schools, total.Pupils, total.Flagged, total.NewlyFlagged, total.Cleared, total.RowsWritten, total.RowsRemoved);
        return total;
    }

    private async Task<EarlyWarningRecomputeResult> RecomputeOneAsync(
        Laestab school, EarlyWarningRules rules, IReadOnlyList<AcademicYear> years, IReadOnlyDictionary<string, IReadOnlyList<string>> cohortsOf, DateOnly asOf,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // The rows before the data: a recompute that writes after this read makes our conditional writes fail.
            var stored = (await store.ReadSchoolAsync(school, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Flag.PupilKey, StringComparer.Ordinal);
            var pupils = await facts.ReadSchoolAsync(school, years, cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var writes = new List<EarlyWarningWrite>();
            int flagged = 0, newly = 0, cleared = 0;
            foreach (var pupil in pupils)
            {
                stored.Remove(pupil.PupilKey, out var before);
                var cohort = cohortsOf.TryGetValue(pupil.PupilKey, out var names) ? string.Join(",", names.Order(StringComparer.Ordinal)) : "";
                var after = EarlyWarningFlag.Next(before?.Flag, rules.Assess(pupil, asOf), cohort, asOf, now);
                if (after is null)
                {
                    continue;
                }

                flagged += after.Flagged ? 1 : 0;
                if (before is null || !after.SameAs(before.Flag))
                {
                    writes.Add(new EarlyWarningWrite(pupil.PupilKey, after, before?.ETag));
                    newly += after.Status == EarlyWarningStatus.New && before?.Flag.Status != EarlyWarningStatus.New ? 1 : 0;
                    cleared += after.Status == EarlyWarningStatus.Cleared && before?.Flag.Status != EarlyWarningStatus.Cleared ? 1 : 0;
                }
            }

            // Left over: pupils with a row but no record at the school any more (erased, withdrawn, or out of every window's reach).
            writes.AddRange(stored.Values.Select(s => new EarlyWarningWrite(s.Flag.PupilKey, null, s.ETag)));
            var result = await store.WriteAsync(school, writes, cancellationToken).ConfigureAwait(false);
            if (result != EarlyWarningWriteResult.Conflict)
            {
                return new EarlyWarningRecomputeResult(asOf, 1, pupils.Count, flagged, newly, cleared, writes.Count - stored.Count, stored.Count);
            }

            LogConflict(logger, school.Value, attempt);
        }

        throw new InvalidOperationException($"Early warnings for {school.Value} lost the race {MaxAttempts} times; the run will be retried.");
    }

    /// <summary>
    /// The academic years whose rows the rules can reach as of <paramref name="asOf"/>: back as far as the longest day
    /// window, and at least a year, which covers the session windows (160 possible sessions is well under a year).
    /// </summary>
    public static IReadOnlyList<AcademicYear> YearsToRead(EarlyWarningOptions settings, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var days = new[]
        {
            settings.RepeatSuspensionsDays, 2 * settings.SuspensionsRisingDays, settings.WithdrawnPermanentDays, settings.LunchtimeExclusionsDays, 366,
        }.Max();
        var years = new List<AcademicYear>();
        for (var year = AcademicYear.FromDate(asOf.AddDays(-days)); year <= AcademicYear.FromDate(asOf); year = AcademicYear.StartingIn(year.StartYear + 1))
        {
            years.Add(year);
        }

        return years;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Early warnings recomputed as of {AsOf:yyyy-MM-dd}: {Schools} school(s), {Pupils} pupil(s) assessed, {Flagged} flagged ({New} new, {Cleared} cleared), {Written} row(s) written, {Removed} removed")]
    private static partial void LogRecomputed(ILogger logger, DateOnly asOf, int schools, int pupils, int flagged, int @new, int cleared, int written, int removed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Early warnings for {Scope} were written by another recompute first (attempt {Attempt}); computing again")]
    private static partial void LogConflict(ILogger logger, string scope, int attempt);
}
