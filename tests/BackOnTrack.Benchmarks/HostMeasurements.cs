using System.Diagnostics;
using System.Reflection;
using BackOnTrack.LocalHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.Benchmarks;

/// <summary>What the local host itself costs: starting a worker, and carrying one queue message to it and back.</summary>
public static class HostMeasurements
{
    private const string Key = "YmVuY2htYXJrLW9ubHktcHNldWRvbnltaXNhdGlvbi1rZXk=";

    /// <summary>
    /// The hub's worker: from starting the host (gRPC endpoint, worker process, init, metadata, loads) to the first
    /// invocation answered (<c>GET api/health</c> through the host's HTTP proxy).
    /// </summary>
    public static async Task<TimeSpan> WorkerStartToFirstInvocationAsync(string connection)
    {
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = connection,
            ["Hub__PseudonymisationKey"] = Key,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var watch = Stopwatch.StartNew();
        await using var host = await LocalFunctionsHost.StartAsync(
            new WorkerApp(Path.Combine(AppContext.BaseDirectory, "worker"), "BackOnTrack.Functions", settings), QueueStorage.FromConnectionString(connection),
            TimeProvider.System, new LocalHostOptions { Port = 0 }, serveHttp: true, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.HttpAddress };
        using var health = await http.GetAsync(new Uri("api/health", UriKind.Relative));
        health.EnsureSuccessStatusCode();
        return watch.Elapsed;
    }

    /// <summary>
    /// <paramref name="messages"/> small messages drained through the host to a worker whose function does no work of
    /// its own (the local host's test worker: it echoes each to a <c>done</c> queue), after a warm-up message.
    /// </summary>
    public static async Task<TimeSpan> DrainAsync(string connection, int messages)
    {
        var directory = typeof(HostMeasurements).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestWorkerDirectory").Value!;
        var storage = QueueStorage.FromConnectionString(connection);
        var work = storage.Base64.GetQueueClient("work");
        await work.CreateIfNotExistsAsync();
        await using var host = await LocalFunctionsHost.StartAsync(
            new WorkerApp(directory, "BackOnTrack.LocalHost.TestWorker", new Dictionary<string, string> { ["AzureWebJobsStorage"] = connection }), storage,
            TimeProvider.System, new LocalHostOptions { Port = 0 }, serveHttp: false, NullLoggerFactory.Instance, CancellationToken.None);
        await work.SendMessageAsync("warm-up");
        await host.DrainAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, messages).Chunk(50).Select(async chunk =>
        {
            foreach (var i in chunk)
            {
                await work.SendMessageAsync($"message-{i}");
            }
        }));
        var watch = Stopwatch.StartNew();
        await host.DrainAsync(CancellationToken.None);
        return watch.Elapsed;
    }
}
