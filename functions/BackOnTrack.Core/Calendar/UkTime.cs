namespace BackOnTrack.Core.Calendar;

/// <summary>
/// Dates as people in England read them (Europe/London): a prompt run at 06:30 UTC on a summer Monday is on Monday,
/// and a mark entered just after midnight in summer time is not "in the future".
/// </summary>
public static class UkTime
{
    private static readonly TimeZoneInfo? Zone = FindZone();

    /// <summary>The calendar date in England at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(Zone is null ? instant.UtcDateTime : TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    private static TimeZoneInfo? FindZone()
    {
        // Falls back to UTC where the host has no time-zone data; the difference is at most an hour around midnight.
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
