using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Hosting;
using BackOnTrack.Cli.LocalRun;
using BackOnTrack.Cli.SampleData;
using BackOnTrack.M365;
using BackOnTrack.M365.Outbox;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.Storage;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Cli.Hosting;

/// <summary>The operator's tool: <c>local</c> (the worker under the local host on the configured storage), sample data, conformance and the operations verbs.</summary>
public static class HubCommandLine
{
    /// <param name="configure">Last-minute registrations for the hub the operations and conformance verbs open, for tests.</param>
    public static RootCommand Build(Action<HostApplicationBuilder>? configure = null)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Where to write the files (created if missing)." };
        var generateAsOf = new Option<DateOnly?>("--as-of") { Description = "The dataset covers the last full academic year before this date (default today).", CustomParser = ParseDate };
        var generate = new Command("generate", "Write a realistic, deterministic sample LA dataset, laid out as it is uploaded to drops/.") { folder, generateAsOf };
        generate.SetAction(result => Generate(result.GetRequiredValue(folder), result.GetValue(generateAsOf)));

        var provision = new Command("provision-lists", "Create (or check, adding missing columns) the SharePoint tracker, figures and returns lists on M365__SiteId and print their ids.");
        provision.SetAction((_, cancellationToken) => ProvisionListsAsync(cancellationToken));

        var root = new RootCommand("BackOnTrack hub: local runs, sample data, DfE conformance and the operations verbs.") { LocalCommand.Build(), generate, provision, ConformanceCommand.Build(configure) };
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
