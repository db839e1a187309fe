using BackOnTrack.Cli.Hosting;
using System.Collections.Concurrent;
using BackOnTrack.Core.Drops;
using BackOnTrack.Functions.Hosting;
using BackOnTrack.Cli.LocalHost;
using BackOnTrack.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>
/// The real handler, started in the test process on Azurite, with the local host delivering to it over HTTP exactly
/// as in a local run. Every log line is captured so tests can check what the hub writes to its logs.
/// </summary>
public sealed class InProcessHub : IAsyncDisposable
{
    /// <summary>A pseudonymisation key for tests only.</summary>
    public const string TestKey = "dGVzdC1vbmx5LXBzZXVkb255bWlzYXRpb24ta2V5LTAwMDE=";

    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private InProcessHub(WebApplication app, Uri address, TimeProvider clock, CapturedLogs logs)
    {
        _app = app;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        Clock = clock;
        Logs = logs;
    }

    public TimeProvider Clock { get; }

    /// <summary>Where the handler listens (http://127.0.0.1:{port}/).</summary>
    public Uri Address => _http.BaseAddress!;
    public CapturedLogs Logs { get; }
    public StorageAccount Storage => _app.Services.GetRequiredService<StorageAccount>();

    /// <summary>The handler's own services, for tests that call a use case directly.</summary>
    public IServiceProvider Services => _app.Services;

    public static Task<InProcessHub> StartAsync(AzuriteFixture azurite, DateOnly asOf) =>
        StartAsync(azurite.ConnectionString, AsOfTimeProvider.OnDate(asOf));

    /// <summary>A hub on any storage (a second Azurite), with settings over the test defaults (<c>Hub:PseudonymisationKey</c> …).</summary>
    public static Task<InProcessHub> StartAsync(string connectionString, DateOnly asOf, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(connectionString, AsOfTimeProvider.OnDate(asOf), settings);

    /// <summary>
    /// The handler on the given storage with the given clock; <paramref name="settings"/> are added to (and override) the
    /// test defaults, and <paramref name="services"/> may replace registrations (e.g. the Graph credential).
    /// </summary>
    public static async Task<InProcessHub> StartAsync(
        string connectionString, TimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var logs = new CapturedLogs();
        var app = HandlerApp.Build(0, clock, builder =>
        {
            builder.Configuration.AddInMemoryCollection(OperationsSettings.Values(connectionString, settings));
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await app.Services.GetRequiredService<StorageProvisioning>().Ready;
        return new InProcessHub(app, address, clock, logs);
    }

    /// <summary>
    /// Runs timers (unless excluded) and drains the queues, as <c>local --once</c> does; with <paramref name="only"/>, just
    /// those functions (the other queues' messages are left where they are).
    /// </summary>
    public Task<LocalRunReport> RunOnceAsync(bool withTimers = true, params string[] only)
    {
        var manifest = FunctionManifest.Load(AppContext.BaseDirectory);
        manifest = manifest with
        {
            Functions = [.. manifest.Functions.Where(f => (withTimers || !f.IsTimer) && (only.Length == 0 || only.Contains(f.Name)))],
        };

        var host = new LocalFunctionsHost(manifest, Storage.Queues, _http, Clock, NullLogger<LocalFunctionsHost>.Instance) { PollInterval = TimeSpan.FromMilliseconds(50) };
        return host.RunOnceAsync(CancellationToken.None);
    }

    /// <summary>Calls one of the handler's HTTP functions, e.g. <c>api/metrics/LA/2024-25</c>.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>Uploads a fixture file to <c>{container}/{blobName}</c> (<c>drops</c> unless told).</summary>
    public async Task UploadFixtureAsync(string fixture, string blobName, string container = HubStorageNames.Containers.Drops) =>
        await Storage.Blobs.UploadAsync(container, blobName, await File.ReadAllBytesAsync(Fixtures.Path(fixture)));

    /// <summary>Sends the BlobCreated event Event Grid would send for <c>{container}/{blobName}</c> (<c>drops</c> unless told).</summary>
    public async Task SendBlobCreatedAsync(string blobName, string container = HubStorageNames.Containers.Drops)
    {
        var properties = await Storage.Blobs.GetPropertiesAsync(container, blobName);
        await Storage.Queues.SendMessageAsync(
            HubStorageNames.Queues.DropEvents,
            BlobCreatedEvent.Create(container, blobName, properties!.ETag.ToString(), Storage.Blobs.GetBlobUri(container, blobName)));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
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
