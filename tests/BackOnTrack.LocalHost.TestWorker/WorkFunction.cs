using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.LocalHost.TestWorker;

/// <summary>
/// Takes a message from <c>work</c> and answers on <c>done</c> with what it saw. A message <c>fail</c> always throws;
/// <c>hang-once</c> blocks on its first delivery (a test kills the worker then) and succeeds when delivered again.
/// </summary>
public sealed partial class WorkFunction(ILogger<WorkFunction> logger)
{
    [Function("Work")]
    [QueueOutput("done")]
    public async Task<string> Run([QueueTrigger("work")] string message, long dequeueCount, string id, CancellationToken cancellationToken)
    {
        LogReceived(logger, id, dequeueCount);
        if (message == "fail")
        {
            throw new InvalidOperationException("This message always fails.");
        }

        if (message == "hang-once" && dequeueCount == 1)
        {
            await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken);
        }

        return $"{message}|{dequeueCount}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work message {MessageId} delivery {DequeueCount}")]
    private static partial void LogReceived(ILogger logger, string messageId, long dequeueCount);
}
