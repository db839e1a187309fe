namespace BackOnTrack.Cli.LocalHost;

/// <summary>What one function did during a local run.</summary>
public sealed class FunctionRunCounts
{
    public int Invocations { get; set; }
    public int Succeeded { get; set; }
    public int Failed { get; set; }
    public int Poisoned { get; set; }
}

/// <summary>What a local run did, per function; succeeded when no message was poisoned and no timer run failed.</summary>
public sealed class LocalRunReport
{
    private readonly Dictionary<string, FunctionRunCounts> _byFunction = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, FunctionRunCounts> ByFunction => _byFunction;

    /// <summary>Timer runs that failed (a failed timer run is not retried until its next occurrence).</summary>
    public int FailedTimerRuns { get; private set; }

    public int Poisoned => _byFunction.Values.Sum(c => c.Poisoned);

    public bool AllSucceeded => Poisoned == 0 && FailedTimerRuns == 0;

    /// <summary>What <c>local --once</c> exits with: 0 when all work succeeded, 2 when something was poisoned or a timer failed.</summary>
    public int ExitCode => AllSucceeded ? 0 : 2;

    internal FunctionRunCounts For(string function)
    {
        if (!_byFunction.TryGetValue(function, out var counts))
        {
            counts = new FunctionRunCounts();
            _byFunction[function] = counts;
        }

        return counts;
    }

    internal void TimerFailed() => FailedTimerRuns++;
}
