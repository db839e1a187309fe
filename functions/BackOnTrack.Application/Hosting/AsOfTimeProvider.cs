using BackOnTrack.Core.Tracker;

namespace BackOnTrack.Application.Hosting;

/// <summary>
/// A clock that starts at a chosen moment and then runs at real speed, so a demo or test can run the hub "as of" any
/// day (due dates, the academic year, "not later than today" checks) while waits still take real time.
/// </summary>
public sealed class AsOfTimeProvider(DateTimeOffset asOf) : TimeProvider
{
    private readonly long _startedAt = System.GetTimestamp();

    /// <summary>
    /// That date at the current time of day (in the UK and in UTC alike): runs on the same as-of date then
    /// keep their real order, so "what this run processed" is told apart from an earlier run's.
    /// </summary>
    public static AsOfTimeProvider OnDate(DateOnly date)
    {
        var start = new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(System.GetUtcNow().TimeOfDay)), TimeSpan.Zero);
        // Between 23:00 and midnight UTC in summer time the UK is already on the next day; an hour earlier the date is
        // the as-of date both in UTC and in the UK, which the hub's "today" checks read one or the other of.
        return new(UkCalendar.Today(start) > date ? start.AddHours(-1) : start);
    }

    public override DateTimeOffset GetUtcNow() => asOf + System.GetElapsedTime(_startedAt);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);

    public override long GetTimestamp() => System.GetTimestamp();

    public override long TimestampFrequency => System.TimestampFrequency;
}
