namespace BackOnTrack.Application.Hosting;

/// <summary>
/// A clock that starts at a chosen moment and then runs at real speed, so a demo or test can run the hub "as of" any
/// day (due dates, the academic year, "not later than today" checks) while waits still take real time.
/// </summary>
public sealed class AsOfTimeProvider(DateTimeOffset asOf) : TimeProvider
{
    private readonly long _startedAt = System.GetTimestamp();

    /// <summary>
    /// That date at the current time of day: runs on the same as-of date then keep their real order, so "what this run
    /// processed" is told apart from an earlier run's.
    /// </summary>
    public static AsOfTimeProvider OnDate(DateOnly date) =>
        new(new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(System.GetUtcNow().TimeOfDay)), TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => asOf + System.GetElapsedTime(_startedAt);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);

    public override long GetTimestamp() => System.GetTimestamp();

    public override long TimestampFrequency => System.TimestampFrequency;
}
