using BackOnTrack.Cli.LocalHost;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.IntegrationTests.LocalHost;

[Collection(AzuriteGroup.Name)]
public sealed class LocalFunctionsHostOnAzurite(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int MaxDequeueCount = 3;
    private readonly QueueServiceClient _queues = azurite.Account.Queues;
    private readonly string _succeedsQueue = AzuriteFixture.UniqueName("succeeds-");
    private readonly string _failsQueue = AzuriteFixture.UniqueName("fails-");
    private ScriptedFunctionApp _handler = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _queues.CreateQueueIfNotExistsAsync(_succeedsQueue);
        await _queues.CreateQueueIfNotExistsAsync(_failsQueue);
        _handler = await ScriptedFunctionApp.StartAsync(new Dictionary<string, int> { ["Succeeds"] = 200, ["Fails"] = 500, ["Tick"] = 200 });
        _http = new HttpClient { BaseAddress = _handler.Address };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _handler.DisposeAsync();
        foreach (var queue in new[] { _succeedsQueue, _failsQueue })
        {
            await _queues.DeleteQueueAsync(queue);
            await _queues.DeleteQueueAsync(queue + "-poison");
        }
    }

    private LocalFunctionsHost Host(params FunctionDefinition[] functions) => new(
        new FunctionManifest(functions, new QueueHostSettings(MaxDequeueCount, TimeSpan.Zero, 8, "base64")),
        _queues,
        _http,
        TimeProvider.System,
        NullLogger<LocalFunctionsHost>.Instance)
    {
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    private FunctionDefinition Succeeds => new("Succeeds", "queueTrigger", "message", _succeedsQueue, null, null, []);
    private FunctionDefinition Fails => new("Fails", "queueTrigger", "message", _failsQueue, null, null, []);
    private static FunctionDefinition Tick => new("Tick", "timerTrigger", "timer", null, "0 */15 * * * *", null, []);

    [Fact]
    public async Task DeletesAMessageWhoseFunctionSucceeds()
    {
        await _queues.SendMessageAsync(_succeedsQueue, """{"scope":"1234567","academicYear":"2015-16"}""");

        var report = await Host(Succeeds).RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, await _queues.GetApproximateMessageCountAsync(_succeedsQueue));
        Assert.Equal(1, report.ByFunction["Succeeds"].Succeeded);
        Assert.True(report.AllSucceeded);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task PostsTheMessageDoubleEncodedWithItsQueueMetadataAsTheHostDoes()
    {
        const string body = """{"planId":"semh-action-plan"}""";
        await _queues.SendMessageAsync(_succeedsQueue, body);

        await Host(Succeeds).RunOnceAsync(CancellationToken.None);

        var (function, payload) = Assert.Single(_handler.Invocations);
        Assert.Equal("Succeeds", function);
        var data = payload.RootElement.GetProperty("Data").GetProperty("message").GetString();
        Assert.Equal("\"{\\\"planId\\\":\\\"semh-action-plan\\\"}\"", data);
        var metadata = payload.RootElement.GetProperty("Metadata");
        Assert.Equal(1, metadata.GetProperty("DequeueCount").GetInt32());
        Assert.False(string.IsNullOrEmpty(metadata.GetProperty("Id").GetString()));
        Assert.Equal("Succeeds", metadata.GetProperty("sys").GetProperty("MethodName").GetString());
    }

    [Fact]
    public async Task MovesAMessageToPoisonAfterMaxDequeueCountFailures()
    {
        const string body = """{"figures":"LA","academicYear":"2015-16"}""";
        await _queues.SendMessageAsync(_failsQueue, body);

        var report = await Host(Fails).RunOnceAsync(CancellationToken.None);

        Assert.Equal(MaxDequeueCount, _handler.Invocations.Count);
        Assert.Equal(0, await _queues.GetApproximateMessageCountAsync(_failsQueue));
        var poisoned = Assert.Single(await _queues.PeekMessagesAsync(_failsQueue + "-poison"));
        Assert.Equal(body, poisoned.Body);
        Assert.Equal(1, report.Poisoned);
        Assert.False(report.AllSucceeded);
        Assert.NotEqual(0, report.ExitCode);
    }

    [Fact]
    public async Task PoisonsWithoutInvokingAMessageAlreadyDeliveredTooOften()
    {
        await _queues.SendMessageAsync(_failsQueue, """{"planId":"crashed"}""");
        for (var delivery = 0; delivery < MaxDequeueCount; delivery++)
        {
            // Deliveries whose handler died before answering: received, never completed.
            var message = Assert.Single(await _queues.ReceiveMessagesAsync(_failsQueue, 1, TimeSpan.FromMinutes(1)));
            await _queues.UpdateVisibilityAsync(_failsQueue, message.MessageId, message.PopReceipt!, TimeSpan.Zero);
        }

        var report = await Host(Fails).RunOnceAsync(CancellationToken.None);

        Assert.Empty(_handler.Invocations);
        Assert.Single(await _queues.PeekMessagesAsync(_failsQueue + "-poison"));
        Assert.Equal(1, report.Poisoned);
    }

    [Fact]
    public async Task RetriesAFailedMessageUntilItsFunctionSucceedsAndIsNotPoisoned()
    {
        await _queues.SendMessageAsync(_succeedsQueue, """{"n":1}""");
        await _queues.SendMessageAsync(_succeedsQueue, """{"n":2}""");

        var report = await Host(Succeeds).RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, report.ByFunction["Succeeds"].Succeeded);
        Assert.Equal(0, report.Poisoned);
    }

    [Fact]
    public async Task RunsEachTimerOnceWithATimerPayload()
    {
        var report = await Host(Tick, Succeeds).RunOnceAsync(CancellationToken.None);

        var (function, payload) = Assert.Single(_handler.Invocations);
        Assert.Equal("Tick", function);
        var timer = payload.RootElement.GetProperty("Data").GetProperty("timer");
        Assert.False(timer.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, timer.GetProperty("ScheduleStatus").ValueKind);
        Assert.Equal(1, report.ByFunction["Tick"].Succeeded);
        Assert.Equal(0, report.ExitCode);
    }
}
