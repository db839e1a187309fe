using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BackOnTrack.LocalHost.Rpc;
using BackOnTrack.LocalHost.Worker;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.LocalHost.Functions;

/// <summary>The outcome of one invocation: the worker's answer, or why there was none.</summary>
internal sealed record InvocationOutcome(bool Succeeded, InvocationResponse? Response, string? Error);

/// <summary>
/// Builds invocation requests as the host does (trigger data, trigger metadata with <c>sys</c>, a W3C trace context —
/// the worker's invocation cannot be built without one) and sends them to whichever worker process is running.
/// </summary>
internal sealed partial class Invoker(WorkerSupervisor worker, TimeProvider time, RunReport report, ILogger logger)
{
    public RunReport Report => report;

    public TimeProvider Time => time;

    public async Task<InvocationOutcome> InvokeAsync(FunctionDefinition function, string invocationId, TypedData triggerData,
        IDictionary<string, TypedData> triggerMetadata, CancellationToken cancellationToken)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            TraceContext = new RpcTraceContext { TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00" },
        };
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.BindingName, Data = triggerData });
        request.TriggerMetadata.Add(triggerMetadata);
        request.TriggerMetadata["sys"] = Json(new Dictionary<string, string>
        {
            ["MethodName"] = function.Name,
            ["UtcNow"] = time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["RandGuid"] = Guid.NewGuid().ToString(),
        });

        var counts = report.For(function.Name);
        counts.Invoked();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await worker.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.Result?.Status == StatusResult.Types.Status.Success)
            {
                counts.Success();
                LogSucceeded(logger, function.Name, invocationId, elapsed);
                return new InvocationOutcome(true, response, null);
            }

            counts.Failure();
            var error = response.Result?.Exception is { } exception ? $"{exception.Type}: {exception.Message}" : response.Result?.Result ?? "no result";
            LogFailed(logger, function.Name, invocationId, elapsed, error);
            return new InvocationOutcome(false, response, error);
        }
        catch (WorkerUnavailableException ex)
        {
            counts.Failure();
            LogWorkerLost(logger, function.Name, invocationId, ex.Message);
            return new InvocationOutcome(false, null, ex.Message);
        }
    }

    public static TypedData Json<T>(T value) => new() { Json = JsonSerializer.Serialize(value) };

    [LoggerMessage(Level = LogLevel.Information, Message = "Executed {Function} ({InvocationId}): succeeded in {ElapsedMs:0} ms")]
    private static partial void LogSucceeded(ILogger logger, string function, string invocationId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Executed {Function} ({InvocationId}): failed in {ElapsedMs:0} ms: {Error}")]
    private static partial void LogFailed(ILogger logger, string function, string invocationId, double elapsedMs, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation {InvocationId} of {Function} failed: the worker went away ({Reason})")]
    private static partial void LogWorkerLost(ILogger logger, string function, string invocationId, string reason);
}
