using System.Collections.Concurrent;
using System.Reflection;
using Azure.Storage.Queues;
using BackOnTrack.Tests.Processes;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.LocalHost.Tests;

/// <summary>The test worker app as its build laid it out, on an Azurite of its own, with the host's logs kept for the test to read.</summary>
internal sealed class TestWorker : IDisposable
{
    private readonly FreshAzurite _azurite = FreshAzurite.Start();

    public TestWorker()
    {
        var directory = typeof(TestWorker).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestWorkerDirectory").Value!;
        App = new WorkerApp(directory, "BackOnTrack.LocalHost.TestWorker", new Dictionary<string, string> { ["AzureWebJobsStorage"] = _azurite.ConnectionString });
        Storage = QueueStorage.FromConnectionString(_azurite.ConnectionString);
        Loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(Logs));
    }

    public WorkerApp App { get; }

    public QueueStorage Storage { get; }

    public KeptLogs Logs { get; } = new();

    public ILoggerFactory Loggers { get; }

    public QueueClient Queue(string name) => Storage.Base64.GetQueueClient(name);

    public async Task SendAsync(string queue, string message)
    {
        await Queue(queue).CreateIfNotExistsAsync();
        await Queue(queue).SendMessageAsync(message);
    }

    /// <summary>Every message of a queue, oldest first, taken off it.</summary>
    public async Task<List<string>> TakeAllAsync(string queue)
    {
        var client = Queue(queue);
        await client.CreateIfNotExistsAsync();
        var taken = new List<string>();
        while (true)
        {
            var batch = (await client.ReceiveMessagesAsync(32)).Value;
            if (batch.Length == 0)
            {
                return taken;
            }

            foreach (var message in batch)
            {
                taken.Add(message.MessageText);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public void Dispose()
    {
        Loggers.Dispose();
        _azurite.Dispose();
    }
}

/// <summary>Log lines by category, as the host wrote them.</summary>
internal sealed class KeptLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Kept(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Kept(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}

internal static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
