using Microsoft.Extensions.Time.Testing;

namespace BackOnTrack.UnitTests.Support;

/// <summary>
/// The library's <see cref="FakeTimeProvider"/> (time moves only when a test moves it; timers, so Task.Delay and
/// Polly's waits, fire when it passes their due time), which also says which waits have been started on it. The
/// library keeps its timers to itself, and a test that drives retries has to move the clock exactly to the next wait:
/// moving it in guessed steps would let time pass while a request is in flight.
/// </summary>
public sealed class FakeClock : FakeTimeProvider
{
    private readonly List<WatchedTimer> _timers = [];

    public FakeClock()
        : this(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public FakeClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Due times, from now, of the timers waiting to fire.</summary>
    public IReadOnlyList<TimeSpan> PendingDelays
    {
        get
        {
            var now = GetUtcNow();
            lock (_timers)
            {
                return _timers.Where(t => t.Due is not null).Select(t => t.Due!.Value - now).ToList();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(this);
        watched.Schedule(dueTime, period);
        lock (_timers)
        {
            _timers.Add(watched);
        }

        watched.Inner = base.CreateTimer(s =>
        {
            watched.Fired();
            callback(s);
        }, state, dueTime, period);
        return watched;
    }

    /// <summary>Waits (really, briefly) until some code has started waiting on this clock.</summary>
    public async Task WaitForPendingTimerAsync()
    {
        var giveUp = DateTime.UtcNow.AddSeconds(10);
        while (PendingDelays.Count == 0)
        {
            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException("Nothing started waiting on the fake clock.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>
    /// Lets <paramref name="work"/> run to the end, moving the clock past every wait it starts (and recording the
    /// waits), so retries happen without real sleeping.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> work, List<TimeSpan>? waits = null)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (!work.IsCompleted)
        {
            var pending = PendingDelays;
            if (pending.Count > 0)
            {
                var wait = pending.Min();
                waits?.Add(wait);
                Advance(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
            }
            else
            {
                await Task.WhenAny(work, Task.Delay(5));
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException("The work neither finished nor waited on the fake clock.");
            }
        }

        return await work;
    }

    public async Task DriveAsync(Task work, List<TimeSpan>? waits = null) => await DriveAsync(Completed(work), waits);

    private static async Task<bool> Completed(Task work)
    {
        await work;
        return true;
    }

    private void Forget(WatchedTimer timer)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>The library's timer, with its next due time kept where the clock can see it.</summary>
    private sealed class WatchedTimer(FakeClock clock) : ITimer
    {
        private TimeSpan _period;

        public ITimer? Inner { get; set; }

        public DateTimeOffset? Due { get; private set; }

        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._timers)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                _period = period;
            }
        }

        public void Fired()
        {
            lock (clock._timers)
            {
                Due = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? Due + _period : null;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Schedule(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.Forget(this);
            Inner?.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            clock.Forget(this);
            if (Inner is not null)
            {
                await Inner.DisposeAsync();
            }
        }
    }
}
