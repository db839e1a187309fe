using Azure.Storage.Blobs;
using System.CommandLine;
using System.Text.Json;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Hosting;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.Cli.Operations;
using BackOnTrack.LocalHost;
using BackOnTrack.M365;
using BackOnTrack.M365.Outbox;
using BackOnTrack.Core.Ports;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Cli.LocalRun;

/// <summary>
/// The <c>local</c> verb: the deployed worker app (laid out in <c>worker/</c> beside the tool) started and driven by the
/// local host over the Functions host's protocol, on the configured storage — queues polled, timers on their
/// schedules, HTTP on 127.0.0.1 — or, with <c>--once</c>, every timer once and every queue drained, then a summary.
/// </summary>
internal static class LocalCommand
{
    /// <summary>The worker app's assembly, in <c>worker/</c> beside the tool (build/WorkerApp.targets puts it there).</summary>
    public const string WorkerAssembly = "BackOnTrack.Functions";

    public static Command Build()
    {
        var once = new Option<bool>("--once") { Description = "Run each timer once, drain every queue until quiet, then exit (0 when all work succeeded)." };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Run as if today were this date (yyyy-MM-dd).", CustomParser = HubCommandLine.ParseDate };
        var upload = new Option<DirectoryInfo?>("--upload") { Description = "First upload every file under this folder as schools and officers would: plans/ and benchmarks/ to those containers, the rest to drops (relative paths as blob names)." };
        var local = new Command("local", "Run the hub's worker under the local Functions host on the configured storage (Azurite).") { once, asOf, upload };
        local.SetAction((result, cancellationToken) =>
        {
            // A missing or malformed connection is a one-line "bad settings" (exit 2) before the host starts.
            var settings = new ConfigurationBuilder();
            settings.AddHubSettings();
            OperationsApp.CheckConnection(settings.Build());
            return RunAsync(result.GetValue(once), result.GetValue(asOf), result.GetValue(upload), cancellationToken);
        });
        return local;
    }

    private static async Task<int> RunAsync(bool once, DateOnly? asOf, DirectoryInfo? upload, CancellationToken cancellationToken)
    {
        TimeProvider clock = asOf is { } date ? AsOfTimeProvider.OnDate(date) : TimeProvider.System;
        using var hub = await OperationsApp.OpenAsync(clock, null, cancellationToken).ConfigureAwait(false);
        var configuration = hub.Services.GetRequiredService<IConfiguration>();
        if (upload is not null)
        {
            var uploaded = await DropUploads.UploadFolderAsync(hub.Services.GetRequiredService<BlobServiceClient>(), upload.FullName, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Uploaded {uploaded} files from {upload.FullName} to drops/ (plans/ and benchmarks/ to their containers).").ConfigureAwait(false);
        }

        var options = configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>() ?? new LocalHostOptions();
        // A one-off run takes any free port so it never collides with a hub already serving on the usual one.
        var hostOptions = once ? new LocalHostOptions { Port = 0 } : options;
        var access = hub.Services.GetRequiredService<StorageAccess>();
        using var loggers = LocalLogging.Create();
        var runStarted = clock.GetUtcNow();
        await using var host = await LocalFunctionsHost.StartAsync(
            WorkerApp(configuration, asOf), new QueueStorage(o => StorageSdkClients.Queues(access, o)), clock, hostOptions, serveHttp: true, loggers, cancellationToken)
            .ConfigureAwait(false);

        if (!once)
        {
            await Console.Out.WriteLineAsync($"Hub serving at {host.HttpAddress} (health: {host.HttpAddress}api/health, portal: {host.HttpAddress}api/portal). Ctrl+C stops it.").ConfigureAwait(false);
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var report = await host.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(LocalRunSummary.Format(report, clock.GetUtcNow())).ConfigureAwait(false);
        var drops = await hub.Services.GetRequiredService<DataDropStore>().ListProcessedSinceAsync(runStarted, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(LocalRunSummary.FormatDrops(drops)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(await LocalRunReturns.FormatAsync(hub.Services, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(await LaPictureAsync(hub.Services, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(await OutboxAsync(hub.Services, runStarted, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var http = hub.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        var health = await http.GetStringAsync(new Uri(host.HttpAddress!, "api/health"), cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync("Health: " + JsonSerializer.Serialize(JsonDocument.Parse(health).RootElement, IndentedJson)).ConfigureAwait(false);
        return report.ExitCode;
    }

    /// <summary>
    /// The worker beside the tool, given the tool's own settings as the Functions host gives a worker its app settings
    /// (environment variables, sections joined by <c>__</c>), and <c>--as-of</c> as <c>Hub__AsOf</c>.
    /// </summary>
    internal static WorkerApp WorkerApp(IConfiguration configuration, DateOnly? asOf)
    {
        var settings = WorkerSettings.From(configuration);
        if (asOf is { } date)
        {
            settings["Hub__AsOf"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return new WorkerApp(Path.Combine(AppContext.BaseDirectory, "worker"), WorkerAssembly, settings);
    }

    /// <summary>The LA's exclusions table for every year with LA figures, beside DfE's where loaded.</summary>
    private static async Task<string> LaPictureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var metrics = services.GetRequiredService<IMetricRows>();
        var benchmarks = services.GetRequiredService<IBenchmarks>();
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

}
