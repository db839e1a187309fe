using BackOnTrack.Application.Prompts;
using BackOnTrack.Application.Tracker;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Tabular;
using BackOnTrack.Core.Tracker;
using BackOnTrack.IntegrationTests.Prompts;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.M365;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Tests.Processes;
using BackOnTrack.UnitTests.M365;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.M365;

/// <summary>
/// Graph mode signed in the two ways the hub is deployed, each with the hub composing its own credential from its
/// settings and the token coming from a fake Entra ID on 127.0.0.1 (the fake Graph accepts that token only): an app
/// registration with a client secret (client-credentials grant), and the Function app's managed identity alone
/// (<c>M365:ClientId</c> empty; App Service's <c>IDENTITY_ENDPOINT</c>/<c>IDENTITY_HEADER</c> pointed at the fake).
/// A prompt run and a tracker sync succeed in each.
/// </summary>
[Collection(ManagedIdentityEnvironmentGroup.Name)]
public sealed class GraphSignInModes(FakeEntraIdFixture entraId)
{
    private const string TenantId = "11111111-2222-3333-4444-555555555555";
    private const string AppRegistration = "66666666-7777-8888-9999-000000000000";
    private static readonly DateOnly FirstOfOctober = new(2019, 10, 1);

    private readonly FakeEntraId _entraId = entraId.EntraId;

    /// <summary>
    /// MSAL keeps managed-identity tokens in one cache for the whole process, keyed by identity and resource: a new
    /// user-assigned identity per test makes each test's sign-in reach the fake (the system-assigned one may be served
    /// from a token the fake handed out to an earlier test of this collection).
    /// </summary>
    private readonly string _userAssignedIdentity = Guid.NewGuid().ToString();

    private int _requestsBefore;

    public enum SignIn
    {
        ClientSecret,
        SystemAssignedIdentity,
        UserAssignedIdentity,
    }

    private Dictionary<string, string?> SettingsFor(SignIn signIn) => signIn switch
    {
        SignIn.ClientSecret => new() { ["M365:ClientId"] = AppRegistration, ["M365:ClientSecret"] = FakeEntraId.ClientSecret, ["M365:ManagedIdentityClientId"] = null },
        SignIn.SystemAssignedIdentity => new() { ["M365:ClientId"] = "", ["M365:ClientSecret"] = null, ["M365:ManagedIdentityClientId"] = "" },
        _ => new() { ["M365:ClientId"] = "", ["M365:ClientSecret"] = null, ["M365:ManagedIdentityClientId"] = _userAssignedIdentity },
    };

    /// <summary>What the hub adds to its services: only the fake authority for the app registration; nothing for the managed identity.</summary>
    private Action<IServiceCollection> ServicesFor(SignIn signIn) => signIn == SignIn.ClientSecret
        ? services => services.AddSingleton(_entraId.CredentialOptions())
        : _ => { };

    /// <summary>The managed identity's variables for the modes that read them; nothing to undo otherwise.</summary>
    private async Task<IDisposable> EnvironmentFor(SignIn signIn)
    {
        _requestsBefore = _entraId.Requests.Count;
        return signIn == SignIn.ClientSecret ? new NothingToRestore() : await ManagedIdentityEnvironment.PointAtAsync(_entraId);
    }

    private void AssertTokenCameFromEntraId(SignIn signIn)
    {
        var requests = _entraId.Requests.Skip(_requestsBefore).ToList();
        if (signIn == SignIn.SystemAssignedIdentity)
        {
            // Possibly from MSAL's process-wide cache: then an earlier test of this collection signed in as it.
            requests = [.. _entraId.Requests.Where(r => r is { Kind: "ManagedIdentity", ClientId: null })];
        }

        Assert.NotEmpty(requests);
        Assert.All(requests, request =>
        {
            switch (signIn)
            {
                case SignIn.ClientSecret:
                    Assert.Equal(("ClientSecret", AppRegistration), (request.Kind, request.ClientId));
                    Assert.Contains("https://graph.microsoft.com/.default", request.Scope, StringComparison.Ordinal);
                    break;
                default:
                    Assert.Equal(("ManagedIdentity", "https://graph.microsoft.com"), (request.Kind, request.Resource));
                    Assert.Equal(signIn == SignIn.UserAssignedIdentity ? _userAssignedIdentity : null, request.ClientId);
                    break;
            }
        });
    }

    [Theory]
    [InlineData(SignIn.ClientSecret)]
    [InlineData(SignIn.SystemAssignedIdentity)]
    [InlineData(SignIn.UserAssignedIdentity)]
    public async Task APromptRunNotifiesOwnersThroughGraphWithTheTokenOfTheConfiguredIdentity(SignIn signIn)
    {
        using var environment = await EnvironmentFor(signIn);
        await using var rig = await PromptRig.StartAsync(FirstOfOctober, settings: SettingsFor(signIn), signIn: ServicesFor(signIn));

        var result = await rig.PromptAsync();

        Assert.Equal((7, 7, 0), (result.Prompts, result.Sent, result.Outstanding));
        var notifications = rig.Graph.RequestsTo(FakeEndpoint.SendActivityNotification);
        Assert.Equal(7, notifications.Count);
        Assert.All(notifications, n => Assert.Equal($"Bearer {FakeGraphServer.Token}", n.Authorization));
        Assert.Single(rig.Graph.RequestsTo(FakeEndpoint.Webhook));
        Assert.Equal(0, rig.Credential.Requests);
        AssertTokenCameFromEntraId(signIn);
    }

    [Theory]
    [InlineData(SignIn.ClientSecret)]
    [InlineData(SignIn.SystemAssignedIdentity)]
    [InlineData(SignIn.UserAssignedIdentity)]
    public async Task ATrackerSyncWritesThePlanToSharePointWithTheTokenOfTheConfiguredIdentity(SignIn signIn)
    {
        using var environment = await EnvironmentFor(signIn);
        var clock = new FakeClock(new DateTimeOffset(2019, 10, 1, 8, 0, 0, TimeSpan.Zero));
        using var azurite = FreshAzurite.Start();
        await using var sharePoint = await FakeSharePointServer.StartAsync(clock.GetUtcNow);
        sharePoint.RequireToken = true;
        var trackerId = sharePoint.AddList(TrackerLists.Actions.DisplayName, TrackerLists.ActionId, TrackerLists.Actions.Columns.Select(c => (c.Name, c.DisplayName, c.Choices)));
        var settings = new Dictionary<string, string?>
        {
            ["M365:Mode"] = "Graph",
            ["M365:GraphBaseUrl"] = sharePoint.GraphBaseUrl,
            ["M365:TenantId"] = TenantId,
            ["M365:TeamsAppId"] = "0b4c5a5e-6b0a-4a61-9d8e-3f3f1e0c2a11",
            ["M365:BoardWebhookUrl"] = new Uri(sharePoint.Root, "workflows/abc/triggers/manual/paths/invoke?sig=x").AbsoluteUri,
            ["M365:TrackerUrl"] = "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx",
            ["M365:SiteId"] = FakeSharePointServer.SiteId,
            ["M365:TrackerListId"] = trackerId,
            ["M365:FiguresListId"] = sharePoint.AddList(TrackerLists.Figures.DisplayName, TrackerLists.FigureId, TrackerLists.Figures.Columns.Select(c => (c.Name, c.DisplayName, c.Choices))),
        };
        foreach (var (name, value) in SettingsFor(signIn))
        {
            settings[name] = value;
        }

        await using var hub = await clock.DriveAsync(TestHub.StartAsync(azurite.ConnectionString, clock, settings, ServicesFor(signIn)));
        var actions = await ImportSeedPlanAsync(hub, "semh-action-plan", clock);

        var result = await clock.DriveAsync(hub.Services.GetRequiredService<SyncActionsUseCase>().SyncAsync("semh-action-plan", default));

        Assert.Equal((actions, actions), (result.Items, result.Written));
        Assert.Equal(actions, sharePoint.Items(trackerId).Count);
        Assert.DoesNotContain(sharePoint.Calls, c => c.Status == 401);
        AssertTokenCameFromEntraId(signIn);
    }

    [Fact]
    public async Task AWrongClientSecretIsRefusedByEntraIdAndNothingReachesGraph()
    {
        var settings = SettingsFor(SignIn.ClientSecret);
        settings["M365:ClientSecret"] = "not-the-secret";
        _requestsBefore = _entraId.Requests.Count;
        await using var rig = await PromptRig.StartAsync(FirstOfOctober, settings: settings, signIn: ServicesFor(SignIn.ClientSecret));

        var stopped = await Assert.ThrowsAsync<PromptRunStoppedException>(() => rig.PromptAsync());

        Assert.Contains("could not obtain a Graph token", stopped.Message, StringComparison.Ordinal);
        var refused = Assert.IsType<M365CredentialsRefusedException>(stopped.InnerException);
        Assert.Equal("TokenUnavailable", refused.ErrorCode);
        Assert.Contains("AADSTS7000215: Invalid client secret provided.", refused.InnerException!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, stopped.Result.Sent);
        Assert.Empty(rig.Graph.Requests);
        Assert.Equal(_requestsBefore, _entraId.Requests.Count);
    }

    /// <summary>The seed action plan into the hub's tables, as IngestDrop would import it.</summary>
    private static async Task<int> ImportSeedPlanAsync(TestHub hub, string planId, TimeProvider clock)
    {
        await using var content = File.OpenRead(Fixtures.Path(Path.Combine("Plans", "semh-action-plan.csv")));
        var plan = ActionPlanReader.Read(TabularFile.Open(content, "semh-action-plan.csv").Rows, new OwnerResolver([]));
        var plans = new ActionPlanStore(hub.Storage.TableService);
        var changes = PlanChanges.Compute(await plans.ReadPlanAsync(planId, default), plan.Actions);
        await plans.ApplyAsync(planId, changes, "plans/semh-action-plan.csv", clock.GetUtcNow(), clock.GetUtcNow(), default);
        return plan.Actions.Count;
    }

    private sealed class NothingToRestore : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
