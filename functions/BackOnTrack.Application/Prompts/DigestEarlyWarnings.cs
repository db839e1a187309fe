using System.Globalization;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Tracker;
using BackOnTrack.M365.Digest;

namespace BackOnTrack.Application.Prompts;

/// <summary>
/// The digest's early-warning line: pupils flagged across the LA, how many were first flagged in the week before the
/// digest, and the schools with most. The card goes to a Teams channel, so counts of 1 or 2 are shown as "fewer than 3"
/// and a school is named only with 3 or more, as the board pack suppresses them.
/// </summary>
public static class DigestEarlyWarnings
{
    private const int SchoolsNamed = 3;

    /// <returns>Null when no school has early-warning rows (nothing recomputed yet, or the rules are not in use).</returns>
    public static DigestFigure? From(IReadOnlyDictionary<string, List<EarlyWarningFlag>> bySchool, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(bySchool);
        if (bySchool.Count == 0)
        {
            return null;
        }

        var weekStart = asOf.AddDays(-7);
        var flagged = bySchool.SelectMany(s => s.Value).Where(f => f.Flagged).ToList();
        var newThisWeek = flagged.Count(f => UkCalendar.Today(f.FirstFlaggedAt) > weekStart);
        var most = bySchool
            .Select(s => (School: s.Key, Flagged: s.Value.Count(f => f.Flagged)))
            .Where(s => s.Flagged >= 3)
            .OrderByDescending(s => s.Flagged).ThenBy(s => s.School, StringComparer.Ordinal)
            .Take(SchoolsNamed)
            .ToList();
        var text = string.Create(CultureInfo.InvariantCulture, $"{Count(flagged.Count)} pupils flagged, {Count(newThisWeek)} new this week");
        if (most.Count > 0)
        {
            text += "; most at " + string.Join(", ", most.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.School} ({s.Flagged})")));
        }

        return new DigestFigure("Early warning", text);
    }

    private static string Count(int count) => FigureRows.IsSmall(count) ? "fewer than 3" : count.ToString(CultureInfo.InvariantCulture);
}
