using BackOnTrack.LocalHost.Functions;
using BackOnTrack.LocalHost.Rpc;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.LocalHost.Triggers;

/// <summary>A timer trigger: fires at each occurrence of its schedule on the host's clock.</summary>
internal sealed partial class TimerRunner(FunctionDefinition function, Invoker invoker, QueueOutputs outputs, ILogger logger)
{
    private readonly TimerTrigger _trigger = (TimerTrigger)function.Trigger;
    private readonly TimerSchedule _schedule = TimerSchedule.Parse(((TimerTrigger)function.Trigger).Schedule);
    private DateTimeOffset? _last;

    public FunctionDefinition Function => function;

    /// <summary>Fires at every occurrence until cancelled (and once at start when the trigger asks for <c>RunOnStartup</c>).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_trigger.RunOnStartup)
        {
            await FireAsync(cancellationToken).ConfigureAwait(false);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var now = invoker.Time.GetUtcNow();
            var next = _schedule.Next(now);
            await Task.Delay(next - now, invoker.Time, cancellationToken).ConfigureAwait(false);
            await FireAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the function once now; false when it failed.</summary>
    public async Task<bool> FireAsync(CancellationToken cancellationToken)
    {
        var now = invoker.Time.GetUtcNow();
        var info = new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = _last ?? DateTimeOffset.MinValue, Next = _schedule.Next(now), LastUpdated = now },
            IsPastDue = false,
        };
        var outcome = await invoker.InvokeAsync(function, Guid.NewGuid().ToString(), Invoker.Json(info), new Dictionary<string, TypedData>(), cancellationToken)
            .ConfigureAwait(false);
        _last = now;
        if (!outcome.Succeeded)
        {
            invoker.Report.TimerFailed();
            return false;
        }

        try
        {
            await outputs.SendAsync(function, outcome.Response!, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex)
        {
            invoker.Report.TimerFailed();
            LogOutputFailed(logger, function.Name, ex.Message);
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function}'s queue output could not be sent: {Reason}")]
    private static partial void LogOutputFailed(ILogger logger, string function, string reason);
}
