using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BackOnTrack.LocalHost.Functions;
using BackOnTrack.LocalHost.Rpc;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.LocalHost.Triggers;

/// <summary>
/// A queue trigger with the host's semantics: a batch of <c>batchSize</c> messages at a time, run in parallel, each
/// deleted when its function succeeds; a failed one hidden for <c>visibilityTimeout</c> and delivered again, and after
/// <c>maxDequeueCount</c> deliveries moved to <c>{queue}-poison</c>. Messages are base64 text, as the host's default.
/// </summary>
internal sealed partial class QueueListener(FunctionDefinition function, QueueStorage storage, QueueSettings settings, Invoker invoker, QueueOutputs outputs, ILogger logger)
{
    /// <summary>How long a delivered message stays hidden while its function runs (the host renews a similar lease).</summary>
    private static readonly TimeSpan DeliveryLease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly QueueTrigger _trigger = (QueueTrigger)function.Trigger;
    private readonly QueueClient _queue = storage.Base64.GetQueueClient(((QueueTrigger)function.Trigger).QueueName);

    public string QueueName => _trigger.QueueName;

    public FunctionDefinition Function => function;

    public Task EnsureQueueAsync(CancellationToken cancellationToken) => _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Polls until cancelled, waiting longer (up to <c>maxPollingInterval</c>) while the queue stays empty.</summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        var wait = MinPollingInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            int delivered;
            try
            {
                delivered = await DeliverBatchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex)
            {
                LogPollFailed(logger, QueueName, ex.Status, ex.ErrorCode ?? ex.Message);
                delivered = 0;
            }

            if (delivered > 0)
            {
                wait = MinPollingInterval;
                continue;
            }

            await Task.Delay(wait, invoker.Time, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, Math.Max(settings.MaxPollingInterval.Ticks, MinPollingInterval.Ticks)));
        }
    }

    /// <summary>Receives one batch and runs it to the end; returns how many messages it held.</summary>
    public async Task<int> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        QueueMessage[] batch;
        try
        {
            batch = (await _queue.ReceiveMessagesAsync(settings.BatchSize, DeliveryLease, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (FormatException)
        {
            // Text that is not base64 cannot be handed to the function: the host poisons such a message unseen.
            return await PoisonUndecodableAsync(cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(batch.Select(message => DeliverAsync(message, cancellationToken))).ConfigureAwait(false);
        return batch.Length;
    }

    /// <summary>Messages visible or waiting for a retry.</summary>
    public async Task<int> WaitingAsync(CancellationToken cancellationToken) =>
        (await _queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;

    private async Task DeliverAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var counts = invoker.Report.For(function.Name);
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            // Delivered too often already (the host itself stopped mid-run and never released it): poisoned unseen.
            await MoveToPoisonAsync(message.MessageId, message.PopReceipt, message.Body, message.DequeueCount, counts, cancellationToken).ConfigureAwait(false);
            return;
        }

        var metadata = new Dictionary<string, TypedData>(StringComparer.Ordinal)
        {
            ["QueueTrigger"] = new TypedData { String = message.MessageText },
            ["Id"] = new TypedData { String = message.MessageId },
            ["PopReceipt"] = new TypedData { String = message.PopReceipt },
            ["DequeueCount"] = new TypedData { Json = message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["InsertionTime"] = Invoker.Json(message.InsertedOn),
            ["ExpirationTime"] = Invoker.Json(message.ExpiresOn),
            ["NextVisibleTime"] = Invoker.Json(message.NextVisibleOn),
        };
        var outcome = await invoker.InvokeAsync(function, Guid.NewGuid().ToString(), new TypedData { String = message.MessageText }, metadata, cancellationToken)
            .ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            await outputs.SendAsync(function, outcome.Response!, cancellationToken).ConfigureAwait(false);
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message.MessageId, message.PopReceipt, message.Body, message.DequeueCount, counts, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task MoveToPoisonAsync(string messageId, string popReceipt, BinaryData body, long dequeueCount, FunctionCounts counts, CancellationToken cancellationToken)
    {
        // Send first, then delete: a stop in between leaves a duplicate in poison, never a lost message.
        var poison = storage.Base64.GetQueueClient(QueueName + "-poison");
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(body, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false);
        counts.Poison();
        LogPoisoned(logger, messageId, QueueName, poison.Name, dequeueCount);
    }

    private async Task<int> PoisonUndecodableAsync(CancellationToken cancellationToken)
    {
        var raw = storage.Raw.GetQueueClient(QueueName);
        var batch = (await raw.ReceiveMessagesAsync(settings.BatchSize, DeliveryLease, cancellationToken).ConfigureAwait(false)).Value;
        var counts = invoker.Report.For(function.Name);
        var poison = storage.Base64.GetQueueClient(QueueName + "-poison");
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var rawPoison = storage.Raw.GetQueueClient(poison.Name);
        foreach (var message in batch)
        {
            await rawPoison.SendMessageAsync(message.Body, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken).ConfigureAwait(false);
            await raw.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            counts.Poison();
            LogNotBase64(logger, message.MessageId, QueueName);
        }

        return batch.Length;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved from {Queue} to {PoisonQueue} after {DequeueCount} deliveries")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string queue, string poisonQueue, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} of {Queue} is not base64 text: moved to poison unseen")]
    private static partial void LogNotBase64(ILogger logger, string messageId, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Queue} failed with {Status} {Error}; polling again later")]
    private static partial void LogPollFailed(ILogger logger, string queue, int status, string error);
}

/// <summary>Queue output bindings: what a successful invocation returned for a queue, sent as the host sends it.</summary>
internal sealed class QueueOutputs(QueueStorage storage)
{
    public async Task SendAsync(FunctionDefinition function, InvocationResponse response, CancellationToken cancellationToken)
    {
        foreach (var output in function.QueueOutputs)
        {
            var data = output.BindingName == "$return"
                ? response.ReturnValue
                : response.OutputData.FirstOrDefault(b => b.Name == output.BindingName)?.Data;
            var messages = Messages(data).ToList();
            if (messages.Count == 0)
            {
                continue;
            }

            var queue = storage.Base64.GetQueueClient(output.QueueName);
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var message in messages)
            {
                await queue.SendMessageAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One message per value; a JSON array (a collection output) is one message per element, as in the host.</summary>
    private static IEnumerable<BinaryData> Messages(TypedData? data)
    {
        switch (data?.DataCase)
        {
            case TypedData.DataOneofCase.String:
                yield return BinaryData.FromString(data.String);
                break;
            case TypedData.DataOneofCase.Bytes:
                yield return BinaryData.FromBytes(data.Bytes.ToByteArray());
                break;
            case TypedData.DataOneofCase.Json:
                using (var document = JsonDocument.Parse(data.Json))
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var element in document.RootElement.EnumerateArray())
                        {
                            yield return BinaryData.FromString(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText());
                        }
                    }
                    else if (document.RootElement.ValueKind != JsonValueKind.Null)
                    {
                        yield return BinaryData.FromString(data.Json);
                    }
                }

                break;
        }
    }
}
