using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage.Queues;

namespace BackOnTrack.IntegrationTests.Storage;

[Collection(AzuriteGroup.Name)]
public class QueueServiceClientOnAzurite(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly QueueServiceClient _queues = azurite.Account.Queues;
    private readonly string _queue = AzuriteFixture.UniqueName("drop-events-");

    public async Task InitializeAsync() => await _queues.CreateQueueIfNotExistsAsync(_queue);

    public Task DisposeAsync() => _queues.DeleteQueueAsync(_queue);

    [Fact]
    public async Task CreatesAQueueOnceAndReportsItExistedAfterwards()
    {
        var queue = AzuriteFixture.UniqueName("metrics-requests-");

        Assert.True(await _queues.CreateQueueIfNotExistsAsync(queue));
        Assert.False(await _queues.CreateQueueIfNotExistsAsync(queue));
        Assert.True(await _queues.DeleteQueueAsync(queue));
    }

    [Fact]
    public async Task SendsBase64AndReceivesTheSameBody()
    {
        const string body = """{"scope":"1234567","academicYear":"2015-16"}""";

        await _queues.SendMessageAsync(_queue, body);
        var message = Assert.Single(await _queues.ReceiveMessagesAsync(_queue, 1, TimeSpan.FromSeconds(30)));

        Assert.Equal(body, message.Body);
        Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(body)), message.MessageText);
        Assert.Equal(1, message.DequeueCount);
        Assert.NotNull(message.PopReceipt);
    }

    [Fact]
    public async Task HidesAReceivedMessageForItsVisibilityTimeout()
    {
        await _queues.SendMessageAsync(_queue, "one");

        var first = await _queues.ReceiveMessagesAsync(_queue, 32, TimeSpan.FromMinutes(5));
        var second = await _queues.ReceiveMessagesAsync(_queue, 32, TimeSpan.FromMinutes(5));

        Assert.Single(first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task DeletesAReceivedMessage()
    {
        await _queues.SendMessageAsync(_queue, "one");
        var message = Assert.Single(await _queues.ReceiveMessagesAsync(_queue, 1, TimeSpan.FromSeconds(30)));

        Assert.True(await _queues.DeleteMessageAsync(_queue, message.MessageId, message.PopReceipt!));
        Assert.Equal(0, await _queues.GetApproximateMessageCountAsync(_queue));
    }

    [Fact]
    public async Task MakesAMessageVisibleAgainByUpdatingItsVisibility()
    {
        await _queues.SendMessageAsync(_queue, "retry me");
        var message = Assert.Single(await _queues.ReceiveMessagesAsync(_queue, 1, TimeSpan.FromMinutes(5)));

        var receipt = await _queues.UpdateVisibilityAsync(_queue, message.MessageId, message.PopReceipt!, TimeSpan.Zero);
        var again = Assert.Single(await _queues.ReceiveMessagesAsync(_queue, 1, TimeSpan.FromMinutes(5)));

        Assert.NotEqual(message.PopReceipt, receipt.PopReceipt);
        Assert.Equal(message.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task PeeksWithoutHidingOrCountingADequeue()
    {
        await _queues.SendMessageAsync(_queue, "look");

        var peeked = Assert.Single(await _queues.PeekMessagesAsync(_queue));
        var received = Assert.Single(await _queues.ReceiveMessagesAsync(_queue, 1, TimeSpan.FromSeconds(30)));

        Assert.Equal("look", peeked.Body);
        Assert.Null(peeked.PopReceipt);
        Assert.Equal(1, received.DequeueCount);
    }

    [Fact]
    public async Task CountsMessagesApproximately()
    {
        for (var i = 0; i < 3; i++)
        {
            await _queues.SendMessageAsync(_queue, $"m{i}");
        }

        Assert.Equal(3, await _queues.GetApproximateMessageCountAsync(_queue));
    }

    [Fact]
    public async Task DelaysAMessageSentWithAVisibilityDelay()
    {
        await _queues.SendMessageAsync(_queue, "later", visibilityDelay: TimeSpan.FromMinutes(10));

        Assert.Empty(await _queues.ReceiveMessagesAsync(_queue, 1, TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await _queues.GetApproximateMessageCountAsync(_queue));
    }
}
