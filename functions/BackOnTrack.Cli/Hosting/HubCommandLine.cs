using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Functions.Hosting;
using BackOnTrack.Cli.LocalHost;
using BackOnTrack.Cli.SampleData;
using BackOnTrack.M365;
using BackOnTrack.M365.Outbox;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Cli.Hosting;

/// <summary>The operator's tool: <c>local</c> (the hub and a local host on the configured storage), sample data, conformance and the operations verbs.</summary>
public static class HubCommandLine
{
    /// <param name="configure">Last-minute registrations for the hub the operations and conformance verbs open, for tests.</param>
    public static RootCommand Build(Action<WebApplicationBuilder>? configure = null)
    {
        var once = new Option<bool>("--once") { Description = "Run each timer once, drain every queue until quiet, then exit (0 when all work succeeded)." };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Run as if today were this date (yyyy-MM-dd).", CustomParser = ParseDate };
        var upload = new Option<DirectoryInfo?>("--upload") { Description = "First upload every file under this folder as schools and officers would: plans/ and benchmarks/ to those containers, the rest to drops (relative paths as blob names)." };
        var local = new Command("local", "Run the handler and a local stand-in for the Functions host on the configured storage (Azurite).") { once, asOf, upload };
        local.SetAction((result, cancellationToken) =>
        {
            // A missing or malformed connection is a one-line "bad settings" (exit 2) before the host starts.
            var settings = new ConfigurationBuilder();
            settings.AddHubSettings();
            Operations.OperationsApp.CheckConnection(settings.Build());
            return LocalAsync(result.GetValue(once), result.GetValue(asOf), result.GetValue(upload), cancellationToken);
        });

        var folder = new Argument<DirectoryInfo>("folder") { Description = "Where to write the files (created if missing)." };
        var generateAsOf = new Option<DateOnly?>("--as-of") { Description = "The dataset covers the last full academic year before this date (default today).", CustomParser = ParseDate };
        var generate = new Command("generate", "Write a realistic, deterministic sample LA dataset, laid out as it is uploaded to drops/.") { folder, generateAsOf };
        generate.SetAction(result => Generate(result.GetRequiredValue(folder), result.GetValue(generateAsOf)));

        var provision = new Command("provision-lists", "Create (or check, adding missing columns) the SharePoint tracker, figures and returns lists on M365__SiteId and print their ids.");
        provision.SetAction((_, cancellationToken) => ProvisionListsAsync(cancellationToken));

        var root = new RootCommand("BackOnTrack hub: local runs, sample data, DfE conformance and the operations verbs.") { local, generate, provision, ConformanceCommand.Build(configure) };
        foreach (var operation in Operations.OperationsCommands.All(configure))
        {
            root.Add(operation);
        }

        return root;
    }

    private static int Generate(DirectoryInfo folder, DateOnly? asOf)
    {
        var dataset = SampleDatasetGenerator.Generate(folder.FullName, asOf ?? DateOnly.FromDateTime(DateTime.UtcNow));
        Console.WriteLine(SampleDatasetSummary.Format(dataset, folder.FullName));
        return 0;
    }

    private static async Task<int> LocalAsync(bool once, DateOnly? asOf, DirectoryInfo? upload, CancellationToken cancellationToken)
    {
        TimeProvider clock = asOf is { } date ? AsOfTimeProvider.OnDate(date) : TimeProvider.System;

        // A one-off run takes any free port so it never collides with a hub already serving on the usual one.
        await using var app = HandlerApp.Build(once ? 0 : HandlerApp.LocalPortFromSettings(), clock);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await app.Services.GetRequiredService<StorageProvisioning>().Ready.WaitAsync(cancellationToken).ConfigureAwait(false);

        var storage = app.Services.GetRequiredService<StorageAccount>();
        if (upload is not null)
        {
            var uploaded = await DropUploads.UploadFolderAsync(storage.Blobs, upload.FullName, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Uploaded {uploaded} files from {upload.FullName} to drops/ (plans/ and benchmarks/ to their containers).").ConfigureAwait(false);
        }

        var runStarted = clock.GetUtcNow();
        var options = app.Services.GetRequiredService<IOptions<LocalHostOptions>>().Value;
        using var handler = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(15) };
        var host = new LocalFunctionsHost(
            FunctionManifest.Load(AppContext.BaseDirectory),
            storage.Queues,
            handler,
            clock,
            app.Services.GetRequiredService<ILogger<LocalFunctionsHost>>())
        {
            PollInterval = options.PollInterval,
        };

        if (!once)
        {
            await Console.Out.WriteLineAsync($"Hub serving at {address} (health: {address}api/health). Ctrl+C stops it.").ConfigureAwait(false);
            // Ctrl+C or SIGTERM reaches the web app's lifetime first; either one stops the loop.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
            try
            {
                await host.RunUntilCancelledAsync(options.PassInterval, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Ctrl+C: a normal way to stop.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        }

        var report = await host.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(LocalRunSummary.Format(report, clock.GetUtcNow())).ConfigureAwait(false);
        var drops = await new DataDropStore(storage.SdkTables).ListProcessedSinceAsync(runStarted, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(LocalRunSummary.FormatDrops(drops)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(await LocalRunReturns.FormatAsync(app.Services, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(await LaPictureAsync(app.Services, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(await OutboxAsync(app.Services, runStarted, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var health = await handler.GetStringAsync(new Uri("api/health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync("Health: " + JsonSerializer.Serialize(JsonDocument.Parse(health).RootElement, IndentedJson)).ConfigureAwait(false);
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return report.ExitCode;
    }

    /// <summary>
    /// Creates or checks the three lists through Graph with the hub's identity (which needs Sites.Manage.All, or a
    /// Sites.Selected grant above write, for this verb only) and prints the settings to set.
    /// </summary>
    private static async Task<int> ProvisionListsAsync(CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder();
        configuration.AddHubSettings();
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging();
        services.AddBackOnTrackM365(configuration.Build());
        await using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<M365Options>>().Value;
        if (options.EffectiveMode != M365Mode.Graph)
        {
            await Console.Error.WriteLineAsync("provision-lists works on a tenant: set M365__Mode=Graph, the tenant and app settings, and M365__SiteId.").ConfigureAwait(false);
            return 2;
        }

        var provisioner = provider.GetRequiredService<SharePointListProvisioner>();
        foreach (var (list, setting) in new[] { (Core.Tracker.TrackerLists.Actions, "M365__TrackerListId"), (Core.Tracker.TrackerLists.Figures, "M365__FiguresListId"), (Core.Tracker.TrackerLists.Returns, "M365__ReturnsListId") })
        {
            var result = await provisioner.EnsureAsync(list, cancellationToken).ConfigureAwait(false);
            var what = result.Created ? "created" : result.ColumnsAdded.Count == 0 ? "found, every column present" : $"found, added {string.Join(", ", result.ColumnsAdded)}";
            await Console.Out.WriteLineAsync($"{list.DisplayName}: {what}").ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"{setting}={result.ListId}").ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>The LA's exclusions table for every year with LA figures, beside DfE's where loaded.</summary>
    private static async Task<string> LaPictureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var metrics = services.GetRequiredService<MetricsStore>();
        var benchmarks = services.GetRequiredService<BenchmarkStore>();
        var hub = services.GetRequiredService<IOptions<HubOptions>>().Value;
        var years = new List<LaExclusionsTable.Year>();
        foreach (var year in await metrics.YearsAsync(Core.Drops.DropLocation.LaScope, cancellationToken).ConfigureAwait(false))
        {
            years.Add(new LaExclusionsTable.Year(
                year,
                await metrics.ReadAsync(Core.Drops.DropLocation.LaScope, year, cancellationToken).ConfigureAwait(false),
                await benchmarks.ComparisonsAsync(year, hub.LocalAuthority, hub.Region, cancellationToken).ConfigureAwait(false)));
        }

        return LaExclusionsTable.Format(years);
    }

    /// <summary>What the run would have sent to Teams, when Microsoft 365 output goes to the outbox.</summary>
    private static async Task<string> OutboxAsync(IServiceProvider services, DateTimeOffset runStarted, CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<M365Options>().EffectiveMode != M365Mode.Outbox)
        {
            return "Microsoft 365: M365 Mode is Graph, so prompts and the digest went to Teams (the PromptOwners report is in reports/prompts/).";
        }

        var outbox = services.GetRequiredService<OutboxStore>();
        async Task<IReadOnlyList<OutboxEntry>> ThisRunAsync(string channel) =>
            [.. (await outbox.ListAsync(channel, cancellationToken).ConfigureAwait(false)).Where(e => e.CreatedAt >= runStarted)];
        return OutboxSummary.Format(await ThisRunAsync(OutboxChannels.TeamsActivity).ConfigureAwait(false), await ThisRunAsync(OutboxChannels.BoardDigest).ConfigureAwait(false))
               + Environment.NewLine
               + SharePointOutboxSummary.Format(await ThisRunAsync(OutboxChannels.SharePoint).ConfigureAwait(false));
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static DateOnly? ParseDate(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"--as-of takes a date as yyyy-MM-dd, not '{text}'.");
        return null;
    }
}
