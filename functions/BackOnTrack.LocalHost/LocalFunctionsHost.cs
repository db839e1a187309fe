using BackOnTrack.LocalHost.Functions;
using BackOnTrack.LocalHost.Triggers;
using BackOnTrack.LocalHost.Worker;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.LocalHost;

/// <summary>
/// Does the Azure Functions host's job for a real isolated worker app where the host itself cannot run: serves the
/// host's gRPC protocol, starts the worker process and restarts it when it dies, and fires its queue, timer and HTTP
/// triggers with the host's semantics (host.json's queue settings and <c>-poison</c>, NCRONTAB schedules on the given
/// clock, HTTP proxied to the worker).
/// </summary>
public sealed partial class LocalFunctionsHost : IAsyncDisposable
{
    /// <summary>
    /// The order timers run in a run-once pass: new files in (SweepDrops), owners' edits in (PullTrackerEdits), then
    /// prompts about the result (PromptOwners); other timers follow by name.
    /// </summary>
    public static IReadOnlyList<string> TimersInDependencyOrder => DependencyOrder;

    private static readonly string[] DependencyOrder = ["SweepDrops", "PullTrackerEdits", "PromptOwners"];

    /// <summary>How often a draining pass looks again at queues whose messages wait hidden for a retry.</summary>
    private static readonly TimeSpan DrainPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly GrpcServer _grpc;
    private readonly WorkerSupervisor _worker;
    private readonly IReadOnlyList<QueueListener> _queues;
    private readonly IReadOnlyList<TimerRunner> _timers;
    private readonly HttpProxy? _http;
    private readonly ILogger _logger;

    private LocalFunctionsHost(GrpcServer grpc, WorkerSupervisor worker, IReadOnlyList<QueueListener> queues, IReadOnlyList<TimerRunner> timers, HttpProxy? http,
        RunReport report, ILogger logger)
    {
        _grpc = grpc;
        _worker = worker;
        _queues = queues;
        _timers = timers;
        _http = http;
        Report = report;
        _logger = logger;
    }

    /// <summary>The worker's functions, as its metadata described them.</summary>
    public IReadOnlyList<FunctionDefinition> Functions => _worker.Functions;

    /// <summary>Everything invoked since start, per function.</summary>
    public RunReport Report { get; }

    /// <summary>Where HTTP triggers answer (<c>http://127.0.0.1:port/</c>), when the host serves HTTP.</summary>
    public Uri? HttpAddress => _http?.Address;

    /// <summary>Worker processes started after the first, because one died.</summary>
    public int WorkerRestarts => _worker.Restarts;

    /// <summary>
    /// Starts the host's gRPC endpoint and the worker, and waits until the worker has loaded its functions; with
    /// <paramref name="serveHttp"/> the HTTP triggers listen on 127.0.0.1 at <see cref="LocalHostOptions.Port"/>.
    /// </summary>
    public static async Task<LocalFunctionsHost> StartAsync(WorkerApp app, QueueStorage storage, TimeProvider time, LocalHostOptions options, bool serveHttp,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger("BackOnTrack.LocalHost");
        var hostJson = HostJson.Load(app.HostJsonPath);
        var registry = new WorkerRegistry();
        var grpc = await GrpcServer.StartAsync(registry, cancellationToken).ConfigureAwait(false);
        var worker = new WorkerSupervisor(app, grpc.Endpoint, registry, loggers);
        try
        {
            await worker.StartAsync(cancellationToken).ConfigureAwait(false);
            var report = new RunReport();
            var invoker = new Invoker(worker, time, report, logger);
            var outputs = new QueueOutputs(storage);
            var queues = worker.Functions.Where(f => f.Trigger is QueueTrigger)
                .Select(f => new QueueListener(f, storage, hostJson.Queues, invoker, outputs, logger)).ToList();
            foreach (var queue in queues)
            {
                await queue.EnsureQueueAsync(cancellationToken).ConfigureAwait(false);
            }

            var timers = worker.Functions.Where(f => f.Trigger is TimerTrigger)
                .OrderBy(f => TimerRank(f.Name)).ThenBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => new TimerRunner(f, invoker, outputs, logger)).ToList();
            var http = serveHttp
                ? await HttpProxy.StartAsync(options.Port, hostJson.RoutePrefix, worker.Functions, () => worker.HttpUri, invoker, logger, cancellationToken).ConfigureAwait(false)
                : null;
            var httpAddress = http?.Address.ToString() ?? "off";
            LogStarted(logger, worker.Functions.Count, queues.Count, timers.Count, httpAddress);
            return new LocalFunctionsHost(grpc, worker, queues, timers, http, report, logger);
        }
        catch
        {
            await worker.DisposeAsync().ConfigureAwait(false);
            await grpc.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs every timer once in dependency order, each after and before delivering queue messages until every
    /// trigger queue is quiet, so a timer sees what the ones before it caused. Returns the report of this pass.
    /// </summary>
    public async Task<RunReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken).ConfigureAwait(false);
        foreach (var timer in _timers)
        {
            LogTimerOnce(_logger, timer.Function.Name);
            await timer.FireAsync(cancellationToken).ConfigureAwait(false);
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }

        return Report;
    }

    /// <summary>Serves until cancelled: every queue polled, every timer on its schedule (HTTP answers from start).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var running = _queues.Select(q => q.ListenAsync(cancellationToken)).Concat(_timers.Select(t => t.RunAsync(cancellationToken))).ToList();
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped as asked.
        }
    }

    /// <summary>Delivers messages until no trigger queue holds any, visible or waiting hidden for a retry.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var delivered = 0;
            foreach (var queue in _queues)
            {
                delivered += await queue.DeliverBatchAsync(cancellationToken).ConfigureAwait(false);
            }

            if (delivered > 0)
            {
                continue;
            }

            var waiting = 0;
            foreach (var queue in _queues)
            {
                waiting += await queue.WaitingAsync(cancellationToken).ConfigureAwait(false);
            }

            if (waiting == 0)
            {
                return;
            }

            await Task.Delay(DrainPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The running worker's process id.</summary>
    public Task<int> WorkerProcessIdAsync(CancellationToken cancellationToken) => _worker.ProcessIdAsync(cancellationToken);

    /// <summary>Stops the HTTP triggers, tells the worker to terminate, and stops the gRPC endpoint.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_http is not null)
        {
            await _http.DisposeAsync().ConfigureAwait(false);
        }

        await _worker.DisposeAsync().ConfigureAwait(false);
        await _grpc.DisposeAsync().ConfigureAwait(false);
    }

    private static int TimerRank(string name) =>
        Array.IndexOf(DependencyOrder, name) is var index and >= 0 ? index : DependencyOrder.Length;

    [LoggerMessage(Level = LogLevel.Information, Message = "Local host ready: {Functions} functions ({Queues} queue, {Timers} timer), HTTP {HttpAddress}")]
    private static partial void LogStarted(ILogger logger, int functions, int queues, int timers, string httpAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Running timer {Function} once")]
    private static partial void LogTimerOnce(ILogger logger, string function);
}
