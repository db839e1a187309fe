using BackOnTrack.Core.Plans;

namespace BackOnTrack.Core.Tracker;

/// <summary>An action's status as people read it in the tracker, and back.</summary>
public static class TrackerStatus
{
    public const string NotStarted = "Not started";
    public const string InProgress = "In progress";
    public const string Complete = "Complete";

    public static IReadOnlyList<string> Choices { get; } = [NotStarted, InProgress, Complete];

    /// <summary>The tracker's text for a status; an action without one shows as not started.</summary>
    public static string Display(ActionStatus? status) => status switch
    {
        ActionStatus.InProgress => InProgress,
        ActionStatus.Complete => Complete,
        _ => NotStarted,
    };

    /// <summary>Reads one of the tracker's choices (case and surrounding spaces ignored); false for anything else.</summary>
    public static bool TryParse(string? text, out ActionStatus status)
    {
        var trimmed = text?.Trim();
        foreach (var candidate in Enum.GetValues<ActionStatus>())
        {
            if (string.Equals(trimmed, Display(candidate), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}

/// <summary>The board's traffic light for an action.</summary>
public enum RagRating
{
    Green,
    Amber,
    Red,
}

/// <summary>
/// Green: complete, or not yet due (no due date counts as not due); amber: due from today up to 14 days ahead,
/// inclusive; red: overdue (due before today). Today is the UK date (Europe/London).
/// </summary>
public static class Rag
{
    public const int AmberDays = 14;

    public static RagRating For(ActionStatus? status, DateOnly? dueDate, DateOnly today) =>
        status == ActionStatus.Complete || dueDate is not { } due ? RagRating.Green
        : due < today ? RagRating.Red
        : due <= today.AddDays(AmberDays) ? RagRating.Amber
        : RagRating.Green;
}

/// <summary>The date in England at an instant: the tracker's "today".</summary>
public static class UkCalendar
{
    private static readonly TimeZoneInfo? UkTime = Find();

    public static DateOnly Today(DateTimeOffset now) =>
        DateOnly.FromDateTime(UkTime is null ? now.UtcDateTime : TimeZoneInfo.ConvertTime(now, UkTime).DateTime);

    private static TimeZoneInfo? Find()
    {
        // Falls back to UTC where the host has no time-zone data; the difference is at most an hour around midnight.
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
