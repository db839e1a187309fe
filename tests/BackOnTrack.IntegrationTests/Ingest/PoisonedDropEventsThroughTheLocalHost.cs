using BackOnTrack.Application.Hosting;
using BackOnTrack.Cli.Operations;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.LocalHost;
using BackOnTrack.Storage;
using BackOnTrack.Tests.Processes;

namespace BackOnTrack.IntegrationTests.Ingest;

/// <summary>
/// A drop-events message the worker can never handle is delivered host.json's <c>maxDequeueCount</c> times, moved to
/// <c>drop-events-poison</c> with its text unchanged, and the operator's <c>poison replay</c> puts it back on the queue.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class PoisonedDropEventsThroughTheLocalHost : IDisposable
{
    // Storage of its own, so no other test's hub takes the message off the shared queues.
    private readonly FreshAzurite _azurite = SecondAzurite.Start();

    public void Dispose() => _azurite.Dispose();

    [Fact]
    public async Task AMessageThatFailsEveryDeliveryIsPoisonedAfterFiveAndPoisonReplayPutsItBack()
    {
        const string NotAnEvent = """{"subject":"/blobServices/default/containers/drops/blobs/3721100/a.csv"}""";
        var queues = QueueStorage.FromConnectionString(_azurite.ConnectionString);
        await using (var hub = await TestHub.StartAsync(_azurite.ConnectionString, AsOfTimeProvider.OnDate(new DateOnly(2025, 9, 1)),
            queues: new QueueTimings(TimeSpan.FromSeconds(1), MaxDequeueCount: 5)))
        {
            await queues.Base64.GetQueueClient(HubStorageNames.Queues.DropEvents).SendMessageAsync(NotAnEvent);

            var report = await hub.RunOnceAsync(withTimers: false);

            Assert.Equal((5, 5, 1), (report.ByFunction["IngestDrop"].Invocations, report.ByFunction["IngestDrop"].Failed, report.Poisoned));
            Assert.Equal(2, report.ExitCode);
            Assert.Contains(hub.Logs.Lines, line => line.Contains("The drop event is not an Event Grid event", StringComparison.Ordinal));
        }

        var poison = queues.Base64.GetQueueClient(HubStorageNames.Queues.PoisonOf(HubStorageNames.Queues.DropEvents));
        Assert.Equal([NotAnEvent], (await poison.PeekMessagesAsync(32)).Value.Select(m => m.MessageText));

        using var output = new StringWriter();
        await PoisonCommand.ReplayAsync(HubStorageNames.Queues.DropEvents, output, OperationsSettings.Configure(_azurite.ConnectionString), CancellationToken.None);

        Assert.Contains("drop-events-poison -> drop-events: 1 message(s) replayed", output.ToString(), StringComparison.Ordinal);
        Assert.Empty((await poison.PeekMessagesAsync(32)).Value);
        var back = (await queues.Base64.GetQueueClient(HubStorageNames.Queues.DropEvents).PeekMessagesAsync(32)).Value;
        Assert.Equal([NotAnEvent], back.Select(m => m.MessageText));
    }
}
