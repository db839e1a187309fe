namespace BackOnTrack.LocalHost.Tests;

public sealed class RunOnceOnAzurite
{
    [Fact]
    public async Task Run_once_fires_each_timer_once_in_dependency_order_drains_the_queues_and_exits_2_when_something_was_poisoned()
    {
        using var worker = new TestWorker();
        await worker.SendAsync("work", "fail");
        await worker.SendAsync("work", "ok");
        var asOf = new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
        await using var host = await LocalFunctionsHost.StartAsync(worker.App, worker.Storage, new FixedClock(asOf), new LocalHostOptions(), serveHttp: false,
            worker.Loggers, CancellationToken.None);

        var report = await host.RunOnceAsync(CancellationToken.None);

        var timerRuns = await worker.TakeAllAsync("timer-runs");
        // Next occurrences on the host's clock: each schedule's, after 06:00 on Monday 2 March.
        Assert.Equal(["SweepDrops|2026-03-02T06:15:00.0000000+00:00", "PromptOwners|2026-03-02T06:30:00.0000000+00:00", "Archive|2026-03-03T02:00:00.0000000+00:00"],
            timerRuns);
        Assert.Equal(["ok|1"], await worker.TakeAllAsync("done"));
        Assert.Equal(["fail"], await worker.TakeAllAsync("work-poison"));
        Assert.Equal((4, 1, 3, 1), (report.ByFunction["Work"].Invocations, report.ByFunction["Work"].Succeeded, report.ByFunction["Work"].Failed, report.ByFunction["Work"].Poisoned));
        Assert.All(["SweepDrops", "PromptOwners", "Archive"], timer => Assert.Equal(1, report.ByFunction[timer].Succeeded));
        Assert.Equal(0, report.FailedTimerRuns);
        Assert.Equal(2, report.ExitCode);
    }

    [Fact]
    public async Task Run_once_with_nothing_failing_exits_0()
    {
        using var worker = new TestWorker();
        await worker.SendAsync("work", "ok");
        await using var host = await LocalFunctionsHost.StartAsync(worker.App, worker.Storage, TimeProvider.System, new LocalHostOptions(), serveHttp: false,
            worker.Loggers, CancellationToken.None);

        var report = await host.RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, report.ExitCode);
        Assert.Equal(1, report.ByFunction["Work"].Succeeded);
    }

    /// <summary>The hub's clock stood still at an as-of moment.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
