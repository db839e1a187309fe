using System.Diagnostics;
using BackOnTrack.LocalHost.Functions;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.LocalHost;

/// <summary>What the local host costs: from launching the worker to its first invocation, and per queue message.</summary>
public sealed record LocalHostMeasurement(TimeSpan StartToFirstInvocation, int Messages, TimeSpan Drain)
{
    public TimeSpan PerMessage => Messages == 0 ? TimeSpan.Zero : Drain / Messages;

    public override string ToString() =>
        $"worker start to first invocation {StartToFirstInvocation.TotalMilliseconds:0} ms; {Messages} queue messages drained in {Drain.TotalMilliseconds:0} ms ({PerMessage.TotalMilliseconds:0.00} ms per message)";
}

public static class LocalHostMeasurements
{
    /// <summary>
    /// Measures on <paramref name="app"/>: one <paramref name="message"/> is queued for <paramref name="queueFunction"/>,
    /// the host and worker started and the queue drained (start to first invocation); then
    /// <paramref name="messages"/> copies queued (not timed) and drained (timed). Every invocation must succeed.
    /// </summary>
    public static async Task<LocalHostMeasurement> MeasureAsync(WorkerApp app, QueueStorage storage, string queueFunction, string message, int messages,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(storage);
        var queueName = QueueOf(queueFunction, app);
        var queue = storage.Base64.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);

        var started = Stopwatch.GetTimestamp();
        await using var host = await LocalFunctionsHost.StartAsync(app, storage, TimeProvider.System, new LocalHostOptions(), serveHttp: false, loggers, cancellationToken)
            .ConfigureAwait(false);
        await host.DrainAsync(cancellationToken).ConfigureAwait(false);
        var startToFirst = Stopwatch.GetElapsedTime(started);

        for (var i = 0; i < messages; i++)
        {
            await queue.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
        }

        started = Stopwatch.GetTimestamp();
        await host.DrainAsync(cancellationToken).ConfigureAwait(false);
        var drain = Stopwatch.GetElapsedTime(started);

        var counts = host.Report.ByFunction[queueFunction];
        if (counts.Succeeded != messages + 1)
        {
            throw new InvalidOperationException($"{queueFunction} succeeded {counts.Succeeded} times of {messages + 1} during the measurement.");
        }

        return new LocalHostMeasurement(startToFirst, messages, drain);
    }

    // The queue is read from functions.metadata so the message can wait before the worker starts.
    private static string QueueOf(string function, WorkerApp app) =>
        FunctionsMetadataFile.Read(app.Directory)
            .Select(m => FunctionDefinition.Parse(m, app.Settings))
            .FirstOrDefault(f => f.Name == function)?.Trigger is QueueTrigger trigger
            ? trigger.QueueName
            : throw new InvalidOperationException($"{function} is not a queue function of {app.AssemblyPath}.");
}
