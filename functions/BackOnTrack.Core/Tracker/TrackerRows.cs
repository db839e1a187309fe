using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Text;
using BackOnTrack.Core.Returns;

namespace BackOnTrack.Core.Tracker;

/// <summary>
/// An item as the hub wants it in a list: its key and its fields by column name, each in one canonical text form
/// (<see cref="TrackerValues"/>) so what was pushed can be stored, compared and fingerprinted.
/// </summary>
public sealed record TrackerRow(string Key, IReadOnlyDictionary<string, string?> Fields)
{
    /// <summary>The fields whose value differs from <paramref name="before"/> (all of them when there is no before).</summary>
    public IReadOnlyDictionary<string, string?> ChangedSince(IReadOnlyDictionary<string, string?>? before) =>
        Fields.Where(f => before is null || !before.TryGetValue(f.Key, out var old) || !string.Equals(old, f.Value, StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    /// <summary>A SHA-256 of the fields in column order: equal fingerprints, nothing to push.</summary>
    public static string Fingerprint(IReadOnlyDictionary<string, string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var text = new StringBuilder();
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(value is null ? "\u0000" : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)).Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>The canonical text forms of list values.</summary>
public static class TrackerValues
{
    /// <summary>
    /// Free text from a plan, an owner or a register, as a list cell: never the start of a live formula when the list is
    /// exported to Excel (<see cref="SpreadsheetText.Neutralise"/>); null stays null.
    /// </summary>
    public static string? Text(string? value) => value is null ? null : SpreadsheetText.Neutralise(value);

    /// <summary>Dates and times as ISO-8601 UTC, as Graph takes them.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A date-only value: 00:00 UTC of the date, as the Actions table stores it.</summary>
    public static string Date(DateOnly date) => Instant(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>A rate to two decimal places, as DfE publishes them.</summary>
    public static string Rate(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>An action's item in the tracker list.</summary>
public static class ActionRows
{
    /// <summary>The tracker's key for an action: plan id and action key, which together are unique.</summary>
    public static string ActionId(string planId, string actionKey) => $"{planId}/{actionKey}";

    /// <param name="planId">The action's plan.</param>
    /// <param name="action">The action as stored.</param>
    /// <param name="updatedAt">When the hub last changed the action.</param>
    /// <param name="today">The UK date the RAG rating is judged on.</param>
    public static TrackerRow For(string planId, StoredAction action, DateTimeOffset? updatedAt, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(action);
        var imported = action.Imported;
        var owners = imported.Owners.Count > 0 ? imported.Owners : imported.UnresolvedOwners;
        return new TrackerRow(ActionId(planId, action.ActionKey), new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [TrackerLists.ActionId] = ActionId(planId, action.ActionKey),
            [TrackerLists.Priority] = TrackerValues.Number(imported.Priority),
            [TrackerLists.Title] = TrackerValues.Text($"{imported.ActionRef} {FirstLine(imported.Title)}".Trim()),
            [TrackerLists.Status] = TrackerStatus.Display(action.Status),
            [TrackerLists.DueDate] = imported.DueDate is { } due ? TrackerValues.Date(due) : null,
            [TrackerLists.Owners] = owners.Count == 0 ? null : TrackerValues.Text(string.Join("; ", owners)),
            [TrackerLists.LastNote] = TrackerValues.Text(action.LastNote),
            [TrackerLists.UpdatedAt] = updatedAt is { } at ? TrackerValues.Instant(at) : null,
            [TrackerLists.Rag] = Rag.For(action.Status, imported.DueDate, today).ToString(),
        });
    }

    // SharePoint's Title is a single line of at most 255 characters; the full text stays in the Actions table.
    private static string FirstLine(string title)
    {
        var line = title.Split('\n', 2)[0].Trim();
        return line.Length <= 240 ? line : line[..239] + "…";
    }
}

/// <summary>England's and the region's published rates to set beside a row (null where DfE has none).</summary>
public sealed record FigureBenchmarks(double? EnglandPermExclRate, double? EnglandSuspRate, double? RegionPermExclRate, double? RegionSuspRate)
{
    public static FigureBenchmarks None { get; } = new(null, null, null, null);
}

/// <summary>
/// A Metrics row's item in the figures list, with small-number suppression (docs/architecture.md §Microsoft 365): a count of 1 or 2 is shown
/// as <c>x</c>, and so is every rate whose numerator or denominator is suppressed, so a 1 or 2 cannot be worked back
/// from a rate and its headcount. The real value never leaves the hub.
/// </summary>
public static class FigureRows
{
    public const string Suppressed = "x";

    public static string FigureId(string scope, string academicYear, string period, string breakdown) => $"{scope}_{academicYear}_{period}_{breakdown}";

    public static TrackerRow For(string scope, string academicYear, MetricRow row, DateTimeOffset? dataAsOf, FigureBenchmarks benchmarks)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(benchmarks);
        var v = row.Values;
        var id = FigureId(scope, academicYear, row.Period, row.Breakdown);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [TrackerLists.FigureId] = id,
            [TrackerLists.Title] = $"{scope} {academicYear} {row.Period} {row.Breakdown}",
            [TrackerLists.Scope] = scope,
            [TrackerLists.AcademicYear] = academicYear,
            [TrackerLists.Period] = row.Period,
            [TrackerLists.Breakdown] = row.Breakdown,
            ["Headcount"] = Count(v.Headcount),
            ["PermExcl"] = Count(v.PermExcl),
            ["PermExclRate"] = Rate(v.PermExclRate, v.PermExcl, v.Headcount),
            ["Susp"] = Count(v.Susp),
            ["SuspRate"] = Rate(v.SuspRate, v.Susp, v.Headcount),
            ["OnePlusSusp"] = Count(v.OnePlusSusp),
            ["OnePlusSuspRate"] = Rate(v.OnePlusSuspRate, v.OnePlusSusp, v.Headcount),
            ["SuspSessions"] = Count(v.SuspSessions),
            ["Enrolments"] = Count(v.Enrolments),
            ["PossibleSessions"] = Count(v.PossibleSessions),
            ["AbsenceSessions"] = Count(v.AbsenceSessions),
            ["AuthorisedSessions"] = Count(v.AuthorisedSessions),
            ["UnauthorisedSessions"] = Count(v.UnauthorisedSessions),
            ["OverallAbsenceRate"] = Rate(v.OverallAbsenceRate, v.AbsenceSessions, v.PossibleSessions),
            ["AuthorisedAbsenceRate"] = Rate(v.AuthorisedAbsenceRate, v.AuthorisedSessions, v.PossibleSessions),
            ["UnauthorisedAbsenceRate"] = Rate(v.UnauthorisedAbsenceRate, v.UnauthorisedSessions, v.PossibleSessions),
            ["PersistentAbsentees"] = Count(v.PersistentAbsentees),
            ["PersistentAbsenceRate"] = Rate(v.PersistentAbsenceRate, v.PersistentAbsentees, v.Enrolments),
            ["SevereAbsentees"] = Count(v.SevereAbsentees),
            ["SevereAbsenceRate"] = Rate(v.SevereAbsenceRate, v.SevereAbsentees, v.Enrolments),
            ["EnglandPermExclRate"] = Published(benchmarks.EnglandPermExclRate),
            ["EnglandSuspRate"] = Published(benchmarks.EnglandSuspRate),
            ["RegionPermExclRate"] = Published(benchmarks.RegionPermExclRate),
            ["RegionSuspRate"] = Published(benchmarks.RegionSuspRate),
            [TrackerLists.DataAsOf] = dataAsOf is { } at ? TrackerValues.Instant(at) : null,
        };
        return new TrackerRow(id, fields);
    }

    /// <summary>True for the counts that are shown as <c>x</c>.</summary>
    public static bool IsSmall(long? count) => count is 1 or 2;

    private static string? Count(long? count) => count is null ? null : IsSmall(count) ? Suppressed : TrackerValues.Number(count.Value);

    private static string? Rate(double? rate, long numerator, long? denominator) =>
        IsSmall(numerator) || IsSmall(denominator) ? Suppressed : rate is { } r ? TrackerValues.Rate(r) : null;

    private static string? Published(double? rate) => rate is { } r ? TrackerValues.Rate(r) : null;
}

/// <summary>
/// A school's item in the returns list for a term: per kind, the latest drop's status and the UTC date it was received
/// (<c>Processed 2026-11-22</c>), empty when none came; Missing when no drop was accepted this term; UpdatedAt the last
/// time one of its drops was received or processed, so an item changes only when the school's returns do.
/// </summary>
public static class ReturnRows
{
    public static string ReturnId(string laestab, AcademicYear year, Period term) => $"{laestab}_{year}_{term.ToCode()}";

    public static TrackerRow For(TermReturns term, SchoolReturn school)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(school);
        var id = ReturnId(school.Laestab, term.Year, term.Term);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [TrackerLists.ReturnId] = id,
            [TrackerLists.Title] = TrackerValues.Text($"{school.Name ?? school.Laestab} {term.Year} {term.Term.ToCode()}"),
            [TrackerLists.School] = school.Laestab,
            [TrackerLists.SchoolName] = TrackerValues.Text(school.Name),
            [TrackerLists.Term] = term.Term.ToCode(),
            [TrackerLists.AcademicYear] = term.Year.ToString(),
            [TrackerLists.Missing] = TrackerValues.Boolean(!school.HasAcceptedDrop),
            [TrackerLists.UpdatedAt] = school.Drops.Count == 0 ? null : TrackerValues.Instant(school.Drops.Max(d => d.ProcessedAt ?? d.ReceivedAt)),
        };
        foreach (var kind in ReturnsTracker.SchoolKinds)
        {
            fields[kind] = school.Latest(kind) is { } drop
                ? $"{drop.Status} {DateOnly.FromDateTime(drop.ReceivedAt.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
                : null;
        }

        return new TrackerRow(id, fields);
    }
}
