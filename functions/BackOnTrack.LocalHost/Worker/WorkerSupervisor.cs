using BackOnTrack.LocalHost.Functions;
using BackOnTrack.LocalHost.Rpc;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.LocalHost.Worker;

/// <summary>
/// Keeps one worker process running, as the host does: when it exits unasked, what it had in flight fails (the
/// triggers retry it: a queue message becomes visible again) and a new process is started and loaded.
/// </summary>
internal sealed partial class WorkerSupervisor(WorkerApp app, Uri hostEndpoint, WorkerRegistry registry, ILoggerFactory loggers) : IAsyncDisposable
{
    /// <summary>Start attempts in a row after which the host gives up on a worker that cannot start.</summary>
    private const int MaxStartAttempts = 5;

    private readonly ILogger _logger = loggers.CreateLogger("BackOnTrack.LocalHost.Worker");
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task<WorkerProcess>? _current;

    public IReadOnlyList<FunctionDefinition> Functions { get; private set; } = [];

    public Uri? HttpUri { get; private set; }

    /// <summary>Worker processes started after the first (crash restarts).</summary>
    public int Restarts { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var worker = await Current(cancellationToken).ConfigureAwait(false);
        Functions = worker.Functions;
        HttpUri = worker.HttpUri;
    }

    /// <summary>The Unix socket the running worker's HTTP server listens on (a new one after a restart).</summary>
    public async ValueTask<string> HttpSocketAsync(CancellationToken cancellationToken) => (await Current(cancellationToken).ConfigureAwait(false)).HttpSocketPath;

    /// <summary>The running worker's process id (tests kill it to see the host recover).</summary>
    public async Task<int> ProcessIdAsync(CancellationToken cancellationToken) => (await Current(cancellationToken).ConfigureAwait(false)).ProcessId;

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var worker = await Current(cancellationToken).ConfigureAwait(false);
        return await worker.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private Task<WorkerProcess> Current(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            if (_current is null || (_current.IsCompleted && (!_current.IsCompletedSuccessfully || !_current.Result.IsAlive)))
            {
                var first = _current is null;
                _current = StartWithRetriesAsync(first);
            }

            return _current.WaitAsync(cancellationToken);
        }
    }

    private async Task<WorkerProcess> StartWithRetriesAsync(bool first)
    {
        if (!first)
        {
            Restarts++;
            LogRestarting(_logger, Restarts);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var worker = await WorkerProcess.StartAsync(app, hostEndpoint, registry, loggers, _stopping.Token).ConfigureAwait(false);
                // Restart eagerly: the next trigger finds a loaded worker instead of waiting for one to start.
                _ = worker.Exited.ContinueWith(_ => RestartAfterCrash(worker), TaskScheduler.Default);
                return worker;
            }
            catch (Exception ex) when (attempt < MaxStartAttempts && !_stopping.IsCancellationRequested && ex is WorkerUnavailableException or InvalidOperationException)
            {
                LogStartFailed(_logger, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt), _stopping.Token).ConfigureAwait(false);
            }
        }
    }

    private void RestartAfterCrash(WorkerProcess exited)
    {
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested || _current is not { IsCompletedSuccessfully: true } current || !ReferenceEquals(current.Result, exited))
            {
                return;
            }

            _current = StartWithRetriesAsync(first: false);
            _current.ContinueWith(t => LogRestartFailed(_logger, t.Exception!.GetBaseException().Message), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<WorkerProcess>? current;
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            current = _current;
        }

        if (current is not null)
        {
            try
            {
                var worker = await current.ConfigureAwait(false);
                await worker.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WorkerUnavailableException or InvalidOperationException)
            {
                // It never started: nothing to stop.
            }
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker process exited unexpectedly; starting a new one (restart {Restart})")]
    private static partial void LogRestarting(ILogger logger, int restart);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker start attempt {Attempt} failed: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The worker could not be restarted: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, string reason);
}
