using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Queues;

namespace BackOnTrack.Cli.LocalHost;

/// <summary>
/// Plays the Functions host's part where none can run (Core Tools cannot be installed here): reads the same
/// function.json files, polls the Azurite queues, POSTs host-shaped payloads to the handler, deletes a message on
/// success, makes it visible again after host.json's <c>visibilityTimeout</c> on failure, and after
/// <c>maxDequeueCount</c> failed deliveries moves it to <c>{queue}-poison</c>. Timers run once per pass.
/// </summary>
public sealed partial class LocalFunctionsHost(
    FunctionManifest manifest,
    QueueServiceClient queues,
    HttpClient handler,
    TimeProvider timeProvider,
    ILogger<LocalFunctionsHost> logger)
{
    /// <summary>How long a delivered message stays hidden while its function runs (the host renews its lease similarly).</summary>
    private static readonly TimeSpan DeliveryLease = TimeSpan.FromMinutes(10);

    private readonly IReadOnlyList<FunctionDefinition> _queueFunctions = manifest.Functions.Where(f => f.IsQueue).ToList();
    private readonly IReadOnlyList<FunctionDefinition> _timerFunctions = [.. manifest.Functions.Where(f => f.IsTimer).OrderBy(f => TimerOrder(f.Name)).ThenBy(f => f.Name, StringComparer.Ordinal)];

    /// <summary>
    /// The order timers run in a pass: the order a morning's work depends on — new files in (SweepDrops), owners' edits
    /// in (PullTrackerEdits), then prompts about the result (PromptOwners). Others follow, by name.
    /// </summary>
    private static readonly string[] TimersInDependencyOrder = ["SweepDrops", "PullTrackerEdits", "PromptOwners"];

    /// <summary>How often quiet queues are polled again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs every timer once, each followed by delivering queue messages until every trigger queue is empty, so a timer
    /// sees what the ones before it caused (the prompts see the plan the sweep found and IngestDrop imported).
    /// </summary>
    public async Task<LocalRunReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var report = new LocalRunReport();
        await DrainAsync(report, cancellationToken).ConfigureAwait(false);
        foreach (var timer in _timerFunctions)
        {
            await RunTimerAsync(timer, report, cancellationToken).ConfigureAwait(false);
            await DrainAsync(report, cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>Keeps going until cancelled: a pass of timers every <paramref name="passInterval"/>, queues polled in between.</summary>
    public async Task RunUntilCancelledAsync(TimeSpan passInterval, CancellationToken cancellationToken)
    {
        var report = new LocalRunReport();
        var nextPass = timeProvider.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (timeProvider.GetUtcNow() >= nextPass)
            {
                await RunTimersAsync(report, cancellationToken).ConfigureAwait(false);
                nextPass = timeProvider.GetUtcNow() + passInterval;
            }

            if (!await DeliverAvailableAsync(report, cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunTimersAsync(LocalRunReport report, CancellationToken cancellationToken)
    {
        foreach (var timer in _timerFunctions)
        {
            await RunTimerAsync(timer, report, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunTimerAsync(FunctionDefinition timer, LocalRunReport report, CancellationToken cancellationToken)
    {
        var counts = report.For(timer.Name);
        counts.Invocations++;
        var payload = TimerPayload(timer, timeProvider.GetUtcNow());
        if (await InvokeAsync(timer.Name, payload, cancellationToken).ConfigureAwait(false))
        {
            counts.Succeeded++;
        }
        else
        {
            counts.Failed++;
            report.TimerFailed();
        }
    }

    private static int TimerOrder(string name) =>
        Array.IndexOf(TimersInDependencyOrder, name) is var index and >= 0 ? index : TimersInDependencyOrder.Length;

    private async Task DrainAsync(LocalRunReport report, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await DeliverAvailableAsync(report, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            // Nothing visible: done when nothing is waiting either (messages hidden for a retry still count).
            var waiting = 0;
            foreach (var queue in _queueFunctions.Select(f => f.QueueName!).Distinct())
            {
                waiting += await queues.GetApproximateMessageCountAsync(queue, cancellationToken).ConfigureAwait(false);
            }

            if (waiting == 0)
            {
                return;
            }

            await Task.Delay(PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Delivers one batch from each queue function's queue; false when there was nothing to deliver.</summary>
    private async Task<bool> DeliverAvailableAsync(LocalRunReport report, CancellationToken cancellationToken)
    {
        var delivered = false;
        foreach (var function in _queueFunctions)
        {
            var batch = await queues.ReceiveMessagesAsync(function.QueueName!, Math.Clamp(manifest.Queues.BatchSize, 1, 32), DeliveryLease, cancellationToken)
                .ConfigureAwait(false);
            foreach (var message in batch)
            {
                delivered = true;
                await DeliverAsync(function, message, report.For(function.Name), cancellationToken).ConfigureAwait(false);
            }
        }

        return delivered;
    }

    private async Task DeliverAsync(FunctionDefinition function, QueueMessage message, FunctionRunCounts counts, CancellationToken cancellationToken)
    {
        var queue = function.QueueName!;
        if (message.DequeueCount > manifest.Queues.MaxDequeueCount)
        {
            // Delivered too often already (a handler that crashed mid-run never reported failure): poison it unseen.
            await MoveToPoisonAsync(queue, message, counts, cancellationToken).ConfigureAwait(false);
            return;
        }

        counts.Invocations++;
        if (await InvokeAsync(function.Name, QueuePayload(function, message, timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false))
        {
            counts.Succeeded++;
            await queues.DeleteMessageAsync(queue, message.MessageId, message.PopReceipt!, cancellationToken).ConfigureAwait(false);
            return;
        }

        counts.Failed++;
        if (message.DequeueCount >= manifest.Queues.MaxDequeueCount)
        {
            await MoveToPoisonAsync(queue, message, counts, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await queues.UpdateVisibilityAsync(queue, message.MessageId, message.PopReceipt!, manifest.Queues.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MoveToPoisonAsync(string queue, QueueMessage message, FunctionRunCounts counts, CancellationToken cancellationToken)
    {
        // Send first, then delete: a crash in between leaves a duplicate in poison, never a lost message.
        var poison = HubStorageNames.Queues.PoisonOf(queue);
        await queues.CreateQueueIfNotExistsAsync(poison, cancellationToken).ConfigureAwait(false);
        await queues.SendMessageAsync(poison, message.Body, timeToLive: Timeout.InfiniteTimeSpan, cancellationToken: cancellationToken).ConfigureAwait(false);
        await queues.DeleteMessageAsync(queue, message.MessageId, message.PopReceipt!, cancellationToken).ConfigureAwait(false);
        counts.Poisoned++;
        LogPoisoned(logger, message.MessageId, queue, poison, message.DequeueCount);
    }

    private async Task<bool> InvokeAsync(string function, byte[] payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(function, UriKind.Relative)) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var invocationId = Guid.NewGuid().ToString();
        request.Headers.Add("X-Azure-Functions-InvocationId", invocationId);
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/local");
        try
        {
            using var response = await handler.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            LogInvocationFailed(logger, function, invocationId, (int)response.StatusCode);
            return false;
        }
        catch (HttpRequestException ex)
        {
            // The handler died or refused the connection: for the host that is a failed invocation, retried later.
            LogHandlerUnreachable(logger, function, invocationId, ex.Message);
            return false;
        }
    }

    // The host serialises with Newtonsoft.Json, which writes a quote as \" rather than System.Text.Json's \u0022.
    private static readonly JsonSerializerOptions NewtonsoftLikeEscaping = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A queue invocation as the host sends it: the decoded message text serialised once more as a JSON string.</summary>
    internal static byte[] QueuePayload(FunctionDefinition function, QueueMessage message, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("Data");
            json.WriteString(function.BindingName, JsonSerializer.Serialize(message.Body, NewtonsoftLikeEscaping));
            json.WriteEndObject();
            json.WriteStartObject("Metadata");
            json.WriteNumber("DequeueCount", message.DequeueCount);
            json.WriteString("ExpirationTime", message.ExpiresOn);
            json.WriteString("Id", message.MessageId);
            json.WriteString("InsertionTime", message.InsertedOn);
            if (message.NextVisibleOn is { } next)
            {
                json.WriteString("NextVisibleTime", next);
            }

            json.WriteString("PopReceipt", message.PopReceipt);
            WriteSys(json, function.Name, now);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    internal static byte[] TimerPayload(FunctionDefinition function, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("Data");
            json.WriteStartObject(function.BindingName);
            json.WriteStartObject("Schedule");
            json.WriteBoolean("AdjustForDST", true);
            json.WriteEndObject();
            json.WriteNull("ScheduleStatus");
            json.WriteBoolean("IsPastDue", false);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("Metadata");
            WriteSys(json, function.Name, now);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteSys(Utf8JsonWriter json, string function, DateTimeOffset now)
    {
        json.WriteStartObject("sys");
        json.WriteString("MethodName", function);
        json.WriteString("UtcNow", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        json.WriteString("RandGuid", Guid.NewGuid().ToString());
        json.WriteEndObject();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation {InvocationId} of {Function} failed with status {Status}")]
    private static partial void LogInvocationFailed(ILogger logger, string function, string invocationId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation {InvocationId} of {Function} could not reach the handler: {Reason}")]
    private static partial void LogHandlerUnreachable(ILogger logger, string function, string invocationId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved from {Queue} to {PoisonQueue} after {DequeueCount} deliveries")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string queue, string poisonQueue, long dequeueCount);
}
