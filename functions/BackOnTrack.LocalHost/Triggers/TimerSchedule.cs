using System.Globalization;
using Cronos;

namespace BackOnTrack.LocalHost.Triggers;

/// <summary>
/// A timer trigger's schedule as the host reads it: NCRONTAB with seconds (six fields) or without (five), in UTC, or a
/// constant interval (<c>hh:mm:ss</c>).
/// </summary>
internal sealed class TimerSchedule
{
    private readonly CronExpression? _cron;
    private readonly TimeSpan _interval;

    private TimerSchedule(CronExpression? cron, TimeSpan interval)
    {
        _cron = cron;
        _interval = interval;
    }

    public static TimerSchedule Parse(string schedule)
    {
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 1 && TimeSpan.TryParse(schedule, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new TimerSchedule(null, interval);
        }

        return new TimerSchedule(CronExpression.Parse(schedule, fields.Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard), TimeSpan.Zero);
    }

    /// <summary>The next occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after) =>
        _cron is null
            ? after + _interval
            : _cron.GetNextOccurrence(after, TimeZoneInfo.Utc) ?? throw new InvalidOperationException("The schedule has no further occurrence.");
}
