using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Tracker;

/// <summary>
/// A scope's early-warning counts in the figures list (docs/architecture.md §Microsoft 365): items of period
/// <see cref="Period"/> beside the Metrics rows, one per breakdown — <c>All</c>, <c>Reason-{reason}</c> for every
/// reason and <c>NcBand-{band}</c> for every band of <see cref="Bands"/> — each with the pupils flagged and the flagged
/// pupils whose status is New. Every breakdown is written even at 0, because the pusher never deletes an item: a count
/// that fell to 0 must overwrite the count before it. Counts of 1 or 2 are <c>x</c>, as the Metrics rows' are.
/// </summary>
public static class EarlyWarningFigureRows
{
    /// <summary>The Period column of the early-warning items: the counts are as of the last recompute, not of a term.</summary>
    public const string Period = "EarlyWarning";

    public const string Flagged = "EarlyWarningFlagged";

    public const string New = "EarlyWarningNew";

    /// <summary>
    /// The NC-year bands, by key stage rather than one per year so fewer counts fall to 1 or 2 and are lost to
    /// suppression: nursery to Y6 (primary), Y7–Y9 (KS3), Y10–Y11 (KS4, the years the Rotherham report worries about),
    /// Y12–Y14 (post-16) and Unknown (X, or a year the rows did not give).
    /// </summary>
    public static IReadOnlyList<string> Bands { get; } = ["N1-Y6", "Y7-Y9", "Y10-Y11", "Y12-Y14", "Unknown"];

    public static string BandOf(string ncYear) => ncYear switch
    {
        "N1" or "N2" or "R" or "1" or "2" or "3" or "4" or "5" or "6" => Bands[0],
        "7" or "8" or "9" => Bands[1],
        "10" or "11" => Bands[2],
        "12" or "13" or "14" => Bands[3],
        _ => Bands[4],
    };

    /// <summary>The breakdowns, in the order the items are written.</summary>
    public static IReadOnlyList<string> Breakdowns { get; } =
    [
        "All",
        .. Enum.GetValues<EarlyWarningReason>().Select(r => "Reason-" + r),
        .. Bands.Select(b => "NcBand-" + b),
    ];

    /// <summary>
    /// The items for <paramref name="scope"/> from its EarlyWarnings rows whose as-of date falls in
    /// <paramref name="year"/> (a row left from an earlier year's recompute is not this year's count); none when no
    /// row does, so a year the rules never ran over gets no early-warning items. A reason counts the flagged pupils it
    /// holds for, as the verb's table and the board pack count them; Data as of is the latest as-of date.
    /// </summary>
    public static IReadOnlyList<TrackerRow> For(string scope, AcademicYear year, IEnumerable<EarlyWarningFlag> rows)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(rows);
        var inYear = rows.Where(r => year.Contains(r.AsOf)).ToList();
        if (inYear.Count == 0)
        {
            return [];
        }

        var flagged = inYear.Where(r => r.Flagged).ToList();
        var dataAsOf = new DateTimeOffset(inYear.Max(r => r.AsOf).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return Breakdowns.Select(breakdown =>
        {
            var pupils = breakdown switch
            {
                "All" => flagged,
                _ when breakdown.StartsWith("Reason-", StringComparison.Ordinal) => flagged.Where(f => f.Reasons.Any(r => "Reason-" + r == breakdown)).ToList(),
                _ => flagged.Where(f => "NcBand-" + BandOf(f.NcYear) == breakdown).ToList(),
            };
            var id = FigureRows.FigureId(scope, year.ToString(), Period, breakdown);
            return new TrackerRow(id, new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [TrackerLists.FigureId] = id,
                [TrackerLists.Title] = $"{scope} {year} {Period} {breakdown}",
                [TrackerLists.Scope] = scope,
                [TrackerLists.AcademicYear] = year.ToString(),
                [TrackerLists.Period] = Period,
                [TrackerLists.Breakdown] = breakdown,
                [Flagged] = Count(pupils.Count),
                [New] = Count(pupils.Count(p => p.Status == EarlyWarningStatus.New)),
                [TrackerLists.DataAsOf] = TrackerValues.Instant(dataAsOf),
            });
        }).ToList();
    }

    private static string Count(int count) => FigureRows.IsSmall(count) ? FigureRows.Suppressed : TrackerValues.Number(count);
}
