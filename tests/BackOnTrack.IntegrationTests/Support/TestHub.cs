using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using BackOnTrack.Tests.Storage;
using BackOnTrack.Application.Ingest;
using System.Collections.Concurrent;
using System.Globalization;
using BackOnTrack.Application.Hosting;
using BackOnTrack.Core.Drops;
using BackOnTrack.LocalHost;
using BackOnTrack.LocalHost.Functions;
using BackOnTrack.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>
/// The hub on Azurite as a local run has it: the real worker app (in <c>worker/</c> beside the tests, as beside the CLI)
/// started and driven by the local host over the Functions host's protocol, its HTTP functions behind the host's proxy;
/// and beside it the same composition in the test process, for tests that call a use case or a store directly. Every
/// log line of both — the worker's arrive as the host's RpcLog messages — is captured, so tests can check what the
/// hub writes to its logs.
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    /// <summary>A pseudonymisation key for tests only.</summary>
    public const string TestKey = "dGVzdC1vbmx5LXBzZXVkb255bWlzYXRpb24ta2V5LTAwMDE=";

    private readonly IHost _services;
    private readonly ILoggerFactory _loggers;
    private readonly HttpClient _http;

    private TestHub(IHost services, LocalFunctionsHost host, ILoggerFactory loggers, TimeProvider clock, CapturedLogs logs)
    {
        _services = services;
        Host = host;
        _loggers = loggers;
        _http = new HttpClient { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromMinutes(5) };
        Clock = clock;
        Logs = logs;
    }

    public TimeProvider Clock { get; }

    /// <summary>The local host running the worker.</summary>
    public LocalFunctionsHost Host { get; }

    /// <summary>Where the host serves the HTTP functions (http://127.0.0.1:{port}/).</summary>
    public Uri Address => _http.BaseAddress!;

    public CapturedLogs Logs { get; }

    /// <summary>The hub's storage account, through the same SDK clients the hub uses.</summary>
    public TestStorage Storage => new(
        _services.Services.GetRequiredService<BlobServiceClient>(), _services.Services.GetRequiredService<QueueServiceClient>(), _services.Services.GetRequiredService<TableServiceClient>());

    /// <summary>The hub's services composed in the test process, for tests that call a use case directly.</summary>
    public IServiceProvider Services => _services.Services;

    public static Task<TestHub> StartAsync(AzuriteFixture azurite, DateOnly asOf) =>
        StartAsync(azurite.ConnectionString, AsOfTimeProvider.OnDate(asOf));

    /// <summary>A hub on any storage (a second Azurite), with settings over the test defaults (<c>Hub:PseudonymisationKey</c> …).</summary>
    public static Task<TestHub> StartAsync(string connectionString, DateOnly asOf, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(connectionString, AsOfTimeProvider.OnDate(asOf), settings);

    /// <summary>
    /// The hub on the given storage; <paramref name="settings"/> are added to (and override) the test defaults, for the
    /// worker too. The worker runs as of <paramref name="clock"/>'s date (<c>Hub__AsOf</c>); <paramref name="clock"/>
    /// itself and <paramref name="services"/>' replacements (e.g. the Graph credential) apply in the test process only.
    /// </summary>
    /// <param name="queues">Queue settings for the host in place of host.json's (e.g. a short visibilityTimeout).</param>
    public static async Task<TestHub> StartAsync(
        string connectionString, TimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        QueueTimings? queues = null)
    {
        var logs = new CapturedLogs();
        var values = OperationsSettings.Values(connectionString, settings);
        var app = HubApp.Build(clock, builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        await app.Services.GetRequiredService<StorageProvisioning>().Ready;

        var workerSettings = values.Where(v => v.Value is not null).ToDictionary(v => v.Key.Replace(":", "__", StringComparison.Ordinal), v => v.Value!);
        workerSettings["Hub__AsOf"] = Core.Tracker.UkCalendar.Today(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddFilter("Azure.Core", LogLevel.Warning).AddProvider(logs));
        var access = app.Services.GetRequiredService<StorageAccess>();
        try
        {
            var host = await LocalFunctionsHost.StartAsync(
                new WorkerApp(WorkerDirectory, "BackOnTrack.Functions", workerSettings) { HostJsonPath = queues?.WriteHostJson() ?? Path.Combine(WorkerDirectory, "host.json") },
                new QueueStorage(o => StorageSdkClients.Queues(access, o)),
                clock,
                new LocalHostOptions { Port = 0 },
                serveHttp: true,
                loggers,
                CancellationToken.None);
            return new TestHub(app, host, loggers, clock, logs);
        }
        catch
        {
            loggers.Dispose();
            await app.StopAsync();
            app.Dispose();
            throw;
        }
    }

    /// <summary>The worker app as the build laid it out beside the tests (build/WorkerApp.targets).</summary>
    public static string WorkerDirectory => Path.Combine(AppContext.BaseDirectory, "worker");

    /// <summary>
    /// Runs timers (unless excluded) and drains the queues, as <c>local --once</c> does; with <paramref name="only"/>, just
    /// those functions (the other queues' messages are left where they are).
    /// </summary>
    public Task<RunReport> RunOnceAsync(bool withTimers = true, params string[] only)
    {
        var timers = Host.Functions.Where(f => f.Trigger is TimerTrigger).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return Host.RunOnceAsync(name => (withTimers || !timers.Contains(name)) && (only.Length == 0 || only.Contains(name)), CancellationToken.None);
    }

    /// <summary>Calls one of the hub's HTTP functions through the host, e.g. <c>api/metrics/LA/2024-25</c>.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>Uploads a fixture file to <c>{container}/{blobName}</c> (<c>drops</c> unless told).</summary>
    public async Task UploadFixtureAsync(string fixture, string blobName, string container = HubStorageNames.Containers.Drops) =>
        await Storage.UploadAsync(container, blobName, await File.ReadAllBytesAsync(Fixtures.Path(fixture)));

    /// <summary>Sends the BlobCreated event Event Grid would send for <c>{container}/{blobName}</c> (<c>drops</c> unless told).</summary>
    public async Task SendBlobCreatedAsync(string blobName, string container = HubStorageNames.Containers.Drops)
    {
        var properties = await Storage.FindAsync(container, blobName);
        await Storage.SendAsync(
            HubStorageNames.Queues.DropEvents,
            DropEvents.Create(container, blobName, properties!.ETag.ToString(), Storage.BlobUri(container, blobName), DateTimeOffset.UtcNow));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
        _loggers.Dispose();
        await _services.StopAsync();
        _services.Dispose();
    }
}

/// <summary>Queue settings of host.json a test replaces: how soon a failed message is delivered again, and how often.</summary>
public sealed record QueueTimings(TimeSpan VisibilityTimeout, int MaxDequeueCount)
{
    /// <summary>The worker's host.json with these values, written to a temporary file; its path.</summary>
    public string WriteHostJson()
    {
        var hostJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(TestHub.WorkerDirectory, "host.json")))!;
        var queues = hostJson["extensions"]!["queues"]!;
        queues["visibilityTimeout"] = VisibilityTimeout.ToString("c", CultureInfo.InvariantCulture);
        queues["maxDequeueCount"] = MaxDequeueCount;
        var path = Path.Combine(Path.GetTempPath(), $"backontrack-host-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, hostJson.ToJsonString());
        return path;
    }
}

/// <summary>Every log line written, formatted, with its category.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}

public static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
