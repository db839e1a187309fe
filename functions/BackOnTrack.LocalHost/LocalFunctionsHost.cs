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
    /// this week's early warnings from what came in (RecomputeEarlyWarnings), prompts and the digest about the result
    /// (PromptOwners), then the month's board pack (BoardPack); other timers follow by name.
    /// </summary>
    public static IReadOnlyList<string> TimersInDependencyOrder => DependencyOrder;

    private static readonly string[] DependencyOrder = ["SweepDrops", "PullTrackerEdits", "RecomputeEarlyWarnings", "PromptOwners", "BoardPack"];

    /// <summary>How often a draining pass looks again at queues whose messages wait hidden for a retry.</summary>
    private static readonly TimeSpan DrainPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a draining pass waits for storage that does not answer before it gives up.</summary>
    private static readonly TimeSpan StorageOutageLimit = TimeSpan.FromMinutes(2);

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
                ? await HttpProxy.StartAsync(options.Port, hostJson.RoutePrefix, worker.Functions, () => worker.HttpUri, worker.HttpSocketAsync, invoker, logger, cancellationToken).ConfigureAwait(false)
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
    /// trigger queue is quiet, so a timer sees what the ones before it caused. Returns what this pass did.
    /// </summary>
    public Task<RunReport> RunOnceAsync(CancellationToken cancellationToken) => RunOnceAsync(_ => true, cancellationToken);

    /// <summary>
    /// As <see cref="RunOnceAsync(CancellationToken)"/>, for the functions <paramref name="includes"/> names only: other
    /// timers do not fire and other queues' messages stay where they are (tests run one stage of the pipeline this way).
    /// </summary>
    public async Task<RunReport> RunOnceAsync(Func<string, bool> includes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(includes);
        var before = Report.Snapshot();
        var queues = _queues.Where(q => includes(q.Function.Name)).ToList();
        await DrainAsync(queues, cancellationToken).ConfigureAwait(false);
        foreach (var timer in _timers.Where(t => includes(t.Function.Name)))
        {
            LogTimerOnce(_logger, timer.Function.Name);
            await timer.FireAsync(cancellationToken).ConfigureAwait(false);
            await DrainAsync(queues, cancellationToken).ConfigureAwait(false);
        }

        return Report.Since(before);
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
    public Task DrainAsync(CancellationToken cancellationToken) => DrainAsync(_queues, cancellationToken);

    private async Task DrainAsync(IReadOnlyList<QueueListener> queues, CancellationToken cancellationToken)
    {
        DateTimeOffset? unreachableSince = null;
        while (true)
        {
            int delivered, waiting;
            try
            {
                delivered = 0;
                foreach (var queue in queues)
                {
                    delivered += await queue.DeliverBatchAsync(cancellationToken).ConfigureAwait(false);
                }

                waiting = 0;
                if (delivered == 0)
                {
                    foreach (var queue in queues)
                    {
                        waiting += await queue.WaitingAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                unreachableSince = null;
            }
            catch (Exception ex) when (IsStorageFailure(ex) && !cancellationToken.IsCancellationRequested)
            {
                // As the Functions host does, ride out storage that is briefly away: a message whose delete failed is
                // delivered again after its visibility timeout. Storage gone for good fails the run, with its error.
                unreachableSince ??= DateTimeOffset.UtcNow;
                if (DateTimeOffset.UtcNow - unreachableSince > StorageOutageLimit)
                {
                    throw;
                }

                LogStorageUnavailable(_logger, ex.GetBaseException().Message);
                await Task.Delay(DrainPollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (delivered > 0)
            {
                continue;
            }

            if (waiting == 0)
            {
                return;
            }

            await Task.Delay(DrainPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsStorageFailure(Exception ex) =>
        ex is Azure.RequestFailedException || (ex is AggregateException aggregate && aggregate.InnerExceptions.All(IsStorageFailure));

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue storage did not answer ({Reason}); trying again")]
    private static partial void LogStorageUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Running timer {Function} once")]
    private static partial void LogTimerOnce(ILogger logger, string function);
}
