using System.Collections.Concurrent;

namespace BackOnTrack.LocalHost;

/// <summary>What one function did while the host ran it.</summary>
public sealed class FunctionCounts
{
    private int _invocations;
    private int _succeeded;
    private int _failed;
    private int _poisoned;

    public int Invocations => _invocations;

    public int Succeeded => _succeeded;

    public int Failed => _failed;

    /// <summary>Messages of this function's queue moved to <c>{queue}-poison</c>.</summary>
    public int Poisoned => _poisoned;

    internal void Invoked() => Interlocked.Increment(ref _invocations);

    internal void Success() => Interlocked.Increment(ref _succeeded);

    internal void Failure() => Interlocked.Increment(ref _failed);

    internal void Poison() => Interlocked.Increment(ref _poisoned);

    internal FunctionCounts Minus(FunctionCounts? earlier) => new()
    {
        _invocations = _invocations - (earlier?._invocations ?? 0),
        _succeeded = _succeeded - (earlier?._succeeded ?? 0),
        _failed = _failed - (earlier?._failed ?? 0),
        _poisoned = _poisoned - (earlier?._poisoned ?? 0),
    };
}

/// <summary>What a run of the host did, per function; it succeeded when nothing was poisoned and no timer run failed.</summary>
public sealed class RunReport
{
    private readonly ConcurrentDictionary<string, FunctionCounts> _byFunction = new(StringComparer.Ordinal);
    private int _failedTimerRuns;

    public IReadOnlyDictionary<string, FunctionCounts> ByFunction => _byFunction;

    /// <summary>Timer runs that failed (a failed timer run waits for its next occurrence, as in the host).</summary>
    public int FailedTimerRuns => _failedTimerRuns;

    public int Poisoned => _byFunction.Values.Sum(c => c.Poisoned);

    public bool AllSucceeded => Poisoned == 0 && FailedTimerRuns == 0;

    /// <summary>What a run-once exits with: 0 when all work succeeded, 2 when something was poisoned or a timer failed.</summary>
    public int ExitCode => AllSucceeded ? 0 : 2;

    /// <summary>A copy of the counts so far, to tell one pass's work from what came before it.</summary>
    internal RunReport Snapshot() => Since(new RunReport());

    /// <summary>What was done after <paramref name="earlier"/> was taken (functions that did nothing left out).</summary>
    internal RunReport Since(RunReport earlier)
    {
        var since = new RunReport { _failedTimerRuns = _failedTimerRuns - earlier._failedTimerRuns };
        foreach (var (function, counts) in _byFunction)
        {
            var delta = counts.Minus(earlier._byFunction.GetValueOrDefault(function));
            if (delta.Invocations > 0 || delta.Poisoned > 0)
            {
                since._byFunction[function] = delta;
            }
        }

        return since;
    }

    internal FunctionCounts For(string function) => _byFunction.GetOrAdd(function, _ => new FunctionCounts());

    internal void TimerFailed() => Interlocked.Increment(ref _failedTimerRuns);
}
