using BackOnTrack.Tests.Storage;
using BackOnTrack.Application.Prompts;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.M365;
using BackOnTrack.M365.Graph;
using BackOnTrack.Storage;
using BackOnTrack.Tests.Processes;
using BackOnTrack.UnitTests.M365;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;

namespace BackOnTrack.IntegrationTests.Prompts;

/// <summary>
/// The handler on an Azurite of its own (PromptOwners reads every plan and the week's ledger, so it cannot share the
/// test run's Azurite), with the fake Graph and webhook server on 127.0.0.1 and a fake clock that starts at 06:30 UTC
/// on the as-of date: the seed action plan and its owners file are imported through IngestDrop, as officers upload them.
/// </summary>
public sealed class PromptRig : IAsyncDisposable
{
    public const string PlanId = "semh-action-plan";

    private PromptRig(FreshAzurite azurite, FakeGraphServer graph, FakeClock clock, FakeTokenCredential credential, TestHub hub)
    {
        Azurite = azurite;
        Graph = graph;
        Clock = clock;
        Credential = credential;
        Hub = hub;
    }

    public FreshAzurite Azurite { get; }
    public FakeGraphServer Graph { get; }
    public FakeClock Clock { get; }
    public FakeTokenCredential Credential { get; }
    public TestHub Hub { get; }
    public TestStorage Storage => Hub.Storage;

    /// <param name="asOf">The date of the run (its clock starts at 06:30 UTC, as the timer fires).</param>
    /// <param name="mode"><c>Graph</c> (to the fake server) or <c>Outbox</c>.</param>
    /// <param name="settings">Over the rig's M365 settings (a null value removes one).</param>
    /// <param name="signIn">
    /// How the hub signs in to the fake Graph. Null: the hub's Graph client is replaced by one signed in by
    /// <see cref="Credential"/>; otherwise the hub composes its own credential from the settings, and this adds what
    /// that needs (e.g. the fake Entra ID's <see cref="BackOnTrack.M365.M365CredentialOptions"/>).
    /// </param>
    public static async Task<PromptRig> StartAsync(
        DateOnly asOf, string mode = "Graph", IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? signIn = null)
    {
        var clock = new FakeClock(new DateTimeOffset(asOf.ToDateTime(new TimeOnly(6, 30)), TimeSpan.Zero));
        var azurite = FreshAzurite.Start();
        FakeGraphServer? graph = null;
        TestHub? hub = null;
        try
        {
            graph = await FakeGraphServer.StartAsync(clock.GetUtcNow);
            var credential = new FakeTokenCredential(clock);
            var values = new Dictionary<string, string?>
            {
                ["M365:Mode"] = mode,
                ["M365:GraphBaseUrl"] = graph.GraphBaseUrl,
                ["M365:TenantId"] = "11111111-2222-3333-4444-555555555555",
                ["M365:ClientId"] = "66666666-7777-8888-9999-000000000000",
                ["M365:TeamsAppId"] = graph.CatalogAppId,
                ["M365:BoardWebhookUrl"] = graph.WebhookUrl,
                ["M365:TrackerUrl"] = "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx",
                ["M365:MaxRetries"] = "3",
                ["M365:RetryDelay"] = "00:00:02",
            };
            foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
            {
                values[name] = value;
            }

            hub = await clock.DriveAsync(TestHub.StartAsync(azurite.ConnectionString, clock, values, signIn ?? (services =>
                // The hub's own Graph client, signed in by the fake credential instead of Entra ID.
                services.AddSingleton(sp => HubGraphClient.Create(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<M365Options>(), credential)))));
            var rig = new PromptRig(azurite, graph, clock, credential, hub);
            await rig.ImportAsync("semh-owners.csv");
            await rig.ImportAsync(PlanId + ".csv");
            return rig;
        }
        catch
        {
            // xunit does not dispose a class whose set-up failed: stop what was started, or the Azurite outlives the run.
            if (hub is not null)
            {
                await hub.DisposeAsync();
            }

            if (graph is not null)
            {
                await graph.DisposeAsync();
            }

            azurite.Dispose();
            throw;
        }
    }

    /// <summary>Uploads a plan fixture to <c>plans/</c> and lets IngestDrop import it.</summary>
    public async Task ImportAsync(string fixture)
    {
        await Hub.UploadFixtureAsync(Path.Combine("Plans", fixture), fixture, HubStorageNames.Containers.Plans);
        await Hub.SendBlobCreatedAsync(fixture, HubStorageNames.Containers.Plans);
        // Only the import: the tracker sync it asks for is another issue's, and needs SharePoint settings this rig has not.
        Assert.True((await Clock.DriveAsync(Hub.RunOnceAsync(withTimers: false, "IngestDrop"))).AllSucceeded);
    }

    /// <summary>One PromptOwners run, its retry waits recorded and moved past on the fake clock.</summary>
    public Task<PromptRunResult> PromptAsync(List<TimeSpan>? waits = null) =>
        Clock.DriveAsync(Hub.Services.GetRequiredService<PromptOwnersUseCase>().RunAsync(CancellationToken.None), waits);

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        await Graph.DisposeAsync();
        Azurite.Dispose();
    }
}
