using System.Collections.Concurrent;
using BackOnTrack.LocalHost.Rpc;
using Grpc.Core;
using GrpcException = Grpc.Core.RpcException;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.LocalHost.Worker;

/// <summary>
/// The host's end of one worker's event stream: sends requests (one writer at a time, as gRPC requires), matches each
/// response to the request waiting for it, and forwards the worker's logs to the host's loggers.
/// </summary>
internal sealed partial class WorkerChannel(string workerId, ILoggerFactory loggers) : IDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ILogger _logger = loggers.CreateLogger("BackOnTrack.LocalHost.Worker");
    private IServerStreamWriter<StreamingMessage>? _writer;
    private Exception? _failure;

    public string WorkerId { get; } = workerId;

    /// <summary>Completes when the worker has opened its stream (its <c>StartStream</c> arrived).</summary>
    public Task Connected => _connected.Task;

    /// <summary>Set once the host has asked the worker to terminate: its stream ending then is expected, not news.</summary>
    public bool Stopping { get; set; }

    /// <summary>Completes when the stream has ended or broken: the channel takes no more requests.</summary>
    public Task Closed => _closed.Task;

    /// <summary>
    /// Serves the stream until the worker closes it or the channel is closed. Called by the gRPC service with the
    /// stream the worker opened.
    /// </summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        _writer = responses;
        _connected.TrySetResult();
        try
        {
            using var closed = cancellationToken.Register(() => _closed.TrySetResult());
            var reading = ReadAsync(requests, cancellationToken);
            await Task.WhenAny(reading, _closed.Task).ConfigureAwait(false);
        }
        finally
        {
            Fail(new WorkerUnavailableException($"Worker {WorkerId} closed its stream."));
        }
    }

    private async Task ReadAsync(IAsyncStreamReader<StreamingMessage> requests, CancellationToken cancellationToken)
    {
        try
        {
            while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Receive(requests.Current);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or GrpcException or InvalidOperationException)
        {
            // The worker went away mid-stream (killed, crashed): every waiting request fails below.
            if (!Stopping)
            {
                LogStreamBroken(_logger, WorkerId, ex.Message);
            }
        }
    }

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                Forward(message.RpcLog);
                return;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                Complete("init", message);
                return;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                Complete("metadata", message);
                return;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Complete("load:" + message.FunctionLoadResponse.FunctionId, message);
                return;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete("invoke:" + message.InvocationResponse.InvocationId, message);
                return;
            default:
                LogIgnored(_logger, WorkerId, message.ContentCase);
                return;
        }
    }

    private void Complete(string key, StreamingMessage message)
    {
        if (_pending.TryRemove(key, out var waiting))
        {
            waiting.TrySetResult(message);
        }
    }

    /// <summary>Sends a request and waits for the response filed under <paramref name="key"/>.</summary>
    public async Task<StreamingMessage> RequestAsync(string key, StreamingMessage request, CancellationToken cancellationToken)
    {
        var waiting = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, waiting))
        {
            throw new InvalidOperationException($"A request {key} is already waiting for worker {WorkerId}.");
        }

        if (_failure is { } failure)
        {
            _pending.TryRemove(key, out _);
            throw failure;
        }

        try
        {
            await SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var cancel = cancellationToken.Register(() => waiting.TrySetCanceled(cancellationToken));
            return await waiting.Task.ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    public async Task SendAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException($"Worker {WorkerId} has not connected.");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_failure is { } failure)
            {
                throw failure;
            }

            await writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException ex)
        {
            throw new WorkerUnavailableException($"Worker {WorkerId} was stopped.", ex);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or GrpcException && _failure is null)
        {
            throw new WorkerUnavailableException($"Worker {WorkerId} could not be sent a message: {ex.Message}", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose() => _writeLock.Dispose();

    /// <summary>Fails every waiting request (the process exited or the stream broke) and ends the stream.</summary>
    public void Fail(WorkerUnavailableException reason)
    {
        _failure ??= reason;
        _connected.TrySetException(reason);
        _closed.TrySetResult();
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var waiting))
            {
                waiting.TrySetException(reason);
            }
        }
    }

    private void Forward(RpcLog log)
    {
        var logger = loggers.CreateLogger(string.IsNullOrEmpty(log.Category) ? "Function" : log.Category);
        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        if (!logger.IsEnabled(level))
        {
            return;
        }

        // The worker formatted the message already; it is passed through as the template's one value.
        if (log.Exception is { } exception)
        {
            LogFromWorker(logger, level, log.Message, exception.Type, exception.Message);
        }
        else
        {
            LogFromWorker(logger, level, log.Message);
        }
    }

    [LoggerMessage(Message = "{WorkerMessage}")]
    private static partial void LogFromWorker(ILogger logger, LogLevel level, string workerMessage);

    [LoggerMessage(Message = "{WorkerMessage} ({ExceptionType}: {ExceptionMessage})")]
    private static partial void LogFromWorker(ILogger logger, LogLevel level, string workerMessage, string exceptionType, string exceptionMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId}'s stream broke: {Reason}")]
    private static partial void LogStreamBroken(ILogger logger, string workerId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker {WorkerId} sent {Content}, which this host does not use")]
    private static partial void LogIgnored(ILogger logger, string workerId, StreamingMessage.ContentOneofCase content);
}

/// <summary>The worker process is gone or its stream is broken: what was in flight failed and is retried by its trigger.</summary>
public sealed class WorkerUnavailableException : Exception
{
    public WorkerUnavailableException() { }

    public WorkerUnavailableException(string message) : base(message) { }

    public WorkerUnavailableException(string message, Exception inner) : base(message, inner) { }
}
