using System.Diagnostics;
using System.Globalization;
using BackOnTrack.LocalHost.Functions;
using BackOnTrack.LocalHost.Rpc;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.LocalHost.Worker;

/// <summary>
/// One run of the worker process, started as the Functions host starts a dotnet-isolated worker: its endpoint, worker
/// id and message size on the command line, the app's folder and settings in its environment; then the start-up
/// exchange (init, metadata, one load per function) over the stream it opens.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    /// <summary>The host's own version as the worker is told it (the worker only logs it).</summary>
    private const string HostVersion = "4.1040.0";

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TerminateGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly WorkerChannel _channel;
    private readonly WorkerRegistry _registry;
    private readonly ILogger _logger;
    private int _exited;
    private volatile bool _stopping;

    private WorkerProcess(Process process, WorkerChannel channel, WorkerRegistry registry, string httpSocketPath, ILogger logger)
    {
        _process = process;
        _channel = channel;
        _registry = registry;
        HttpSocketPath = httpSocketPath;
        _logger = logger;
    }

    /// <summary>
    /// Where the worker's own Kestrel listens (ASP.NET Core integration): a Unix socket of its own. The worker extension
    /// picks a TCP port by binding port 0 and letting it go, which collides when several workers and hosts start at
    /// once (the tests do): a port then taken by another listener on one loopback family leaves this worker on the other,
    /// and requests meant for it reach someone else. Kestrel's <c>Endpoints</c> setting overrides that choice.
    /// </summary>
    public string HttpSocketPath { get; }

    public int ProcessId => _process.Id;

    public IReadOnlyList<FunctionDefinition> Functions { get; private set; } = [];

    /// <summary>Where the worker's own Kestrel answers HTTP triggers (ASP.NET Core integration), if it has one.</summary>
    public Uri? HttpUri { get; private set; }

    /// <summary>Running and connected: a worker whose stream broke takes no invocations, even before its process is gone.</summary>
    public bool IsAlive => !Exited.IsCompleted && !_channel.Closed.IsCompleted;

    /// <summary>Completes when the process has exited, for whatever reason.</summary>
    public Task Exited { get; private set; } = Task.CompletedTask;

    public static async Task<WorkerProcess> StartAsync(WorkerApp app, Uri hostEndpoint, WorkerRegistry registry, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("BackOnTrack.LocalHost.Worker");
        var workerId = Guid.NewGuid().ToString();
        var channel = new WorkerChannel(workerId, loggers);
        registry.Expect(channel);

        var start = new ProcessStartInfo(DotnetHost(), [
            app.AssemblyPath,
            "--functions-uri", hostEndpoint.ToString(),
            "--functions-worker-id", workerId,
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", int.MaxValue.ToString(CultureInfo.InvariantCulture),
        ])
        {
            WorkingDirectory = app.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The worker's Kestrel (ASP.NET Core integration) picks its own port; an address meant for this process must not leak in.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("DOTNET_URLS");
        foreach (var (key, value) in app.Settings)
        {
            start.Environment[key] = value;
        }

        var httpSocket = Path.Combine(Path.GetTempPath(), $"backontrack-worker-{workerId}.sock");
        start.Environment["Kestrel__Endpoints__LocalHostProxy__Url"] = "http://unix:" + httpSocket;
        // That endpoint replaces the port the ASP.NET Core integration asks for, and Kestrel warns that it did so, in
        // every local run: expected here, so only Kestrel's errors are passed on.
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore.Server.Kestrel"] = "Error";
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = app.Directory;
        start.Environment["AzureWebJobsScriptRoot"] = app.Directory;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        var console = loggers.CreateLogger("BackOnTrack.LocalHost.WorkerConsole");
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) LogConsole(console, line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) LogConsoleError(console, line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var worker = new WorkerProcess(process, channel, registry, httpSocket, logger) { Exited = exited.Task };
        _ = exited.Task.ContinueWith(_ => worker.OnExited(), TaskScheduler.Default);
        // A worker whose stream broke is ended, as the host ends it, so a new one is started in its place.
        _ = channel.Closed.ContinueWith(_ => worker.KillUnlessStopping(), TaskScheduler.Default);
        LogStarted(logger, process.Id, workerId, app.AssemblyPath);
        try
        {
            await worker.HandshakeAsync(app, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await worker.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return worker;
    }

    private async Task HandshakeAsync(WorkerApp app, CancellationToken cancellationToken)
    {
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(ConnectTimeout);
            try
            {
                await _channel.Connected.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new WorkerUnavailableException($"The worker did not connect within {ConnectTimeout.TotalSeconds:0} s.");
            }
        }

        var init = await _channel.RequestAsync("init", new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            WorkerInitRequest = new WorkerInitRequest { HostVersion = HostVersion, WorkerDirectory = app.Directory, FunctionAppDirectory = app.Directory },
        }, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(init.WorkerInitResponse.Result, "worker initialisation");
        if (init.WorkerInitResponse.Capabilities.TryGetValue("HttpUri", out var httpUri) && !string.IsNullOrEmpty(httpUri))
        {
            HttpUri = new Uri(httpUri.EndsWith('/') ? httpUri : httpUri + "/");
        }

        var metadata = await _channel.RequestAsync("metadata", new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = app.Directory },
        }, cancellationToken).ConfigureAwait(false);
        var response = metadata.FunctionMetadataResponse;
        IReadOnlyList<RpcFunctionMetadata> described = response.UseDefaultMetadataIndexing || response.FunctionMetadataResults.Count == 0
            ? FunctionsMetadataFile.Read(app.Directory)
            : [.. response.FunctionMetadataResults];
        if (!response.UseDefaultMetadataIndexing && response.Result is { } result)
        {
            EnsureSuccess(result, "reading the function metadata");
        }

        var functions = described.Select(m => FunctionDefinition.Parse(m, app.Settings)).ToList();
        await Task.WhenAll(functions.Select(async function =>
        {
            var load = await _channel.RequestAsync("load:" + function.FunctionId, new StreamingMessage
            {
                RequestId = Guid.NewGuid().ToString(),
                FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function.Metadata },
            }, cancellationToken).ConfigureAwait(false);
            EnsureSuccess(load.FunctionLoadResponse.Result, $"loading function {function.Name}");
        })).ConfigureAwait(false);
        Functions = functions;
        if (HttpUri is not null)
        {
            await WaitForHttpServerAsync(cancellationToken).ConfigureAwait(false);
        }

        LogReady(_logger, _process.Id, functions.Count);
    }

    /// <summary>
    /// The worker answers the host's stream before its own Kestrel has started: until that accepts connections, an HTTP
    /// request forwarded to it would fail while its invocation waits out the worker's 15 s for the request.
    /// </summary>
    private async Task WaitForHttpServerAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        while (true)
        {
            try
            {
                (await WorkerHttpSocket.ConnectAsync(HttpSocketPath, timeout.Token).ConfigureAwait(false)).Dispose();
                return;
            }
            catch (System.Net.Sockets.SocketException) when (!Exited.IsCompleted)
            {
                await Task.Delay(25, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new WorkerUnavailableException($"The worker's HTTP server did not start within {ConnectTimeout.TotalSeconds:0} s.");
            }
        }
    }

    /// <summary>Runs one invocation and returns the worker's answer; throws <see cref="WorkerUnavailableException"/> when the worker goes away first.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var response = await _channel.RequestAsync("invoke:" + request.InvocationId, new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            InvocationRequest = request,
        }, cancellationToken).ConfigureAwait(false);
        return response.InvocationResponse;
    }

    private void KillUnlessStopping()
    {
        if (_stopping || Exited.IsCompleted)
        {
            return;
        }

        LogStreamLost(_logger, _process.Id);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    private void OnExited()
    {
        if (Interlocked.Exchange(ref _exited, 1) == 0)
        {
            int? code = null;
            try
            {
                code = _process.ExitCode;
            }
            catch (InvalidOperationException)
            {
                // Exit code unavailable: logged as unknown.
            }

            LogExited(_logger, _process.Id, code);
        }

        _channel.Fail(new WorkerUnavailableException("The worker process exited."));
        _registry.Forget(_channel);
    }

    /// <summary>Asks the worker to finish (WorkerTerminate with a grace period), then kills it if it has not.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _channel.Stopping = true;
        if (!Exited.IsCompleted)
        {
            try
            {
                await _channel.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(TerminateGrace) } }, CancellationToken.None)
                    .ConfigureAwait(false);
                await Exited.WaitAsync(TerminateGrace + TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WorkerUnavailableException or InvalidOperationException or TimeoutException)
            {
                // Not connected, already gone, or did not stop in time: killed below.
            }

            if (!Exited.IsCompleted)
            {
                try
                {
                    _process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the check and the kill.
                }

                await Exited.ConfigureAwait(false);
            }
        }

        _channel.Fail(new WorkerUnavailableException("The worker was stopped."));
        File.Delete(HttpSocketPath);
        _registry.Forget(_channel);
        _channel.Dispose();
        _process.Dispose();
    }

    private static void EnsureSuccess(StatusResult result, string step)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"The worker failed {step}: {result.Exception?.Message ?? result.Result}");
        }
    }

    /// <summary>The <c>dotnet</c> muxer this process runs on when it is one, so the worker gets the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? path
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker process {ProcessId} ({WorkerId}) started: {Assembly}")]
    private static partial void LogStarted(ILogger logger, int processId, string workerId, string assembly);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker process {ProcessId} loaded {Count} functions")]
    private static partial void LogReady(ILogger logger, int processId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker process {ProcessId} exited with code {ExitCode}")]
    private static partial void LogExited(ILogger logger, int processId, int? exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker process {ProcessId}'s stream ended while it was running: ending the process")]
    private static partial void LogStreamLost(ILogger logger, int processId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Line}")]
    private static partial void LogConsole(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Line}")]
    private static partial void LogConsoleError(ILogger logger, string line);
}
