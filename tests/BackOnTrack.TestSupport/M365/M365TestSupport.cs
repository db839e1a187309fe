using Azure.Core;
using Azure.Identity;
using BackOnTrack.M365;
using BackOnTrack.M365.Digest;
using BackOnTrack.M365.Graph;
using BackOnTrack.M365.Http;
using BackOnTrack.M365.Teams;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;

namespace BackOnTrack.UnitTests.M365;

/// <summary>A credential that hands out the fake server's token (or refuses to), counting requests.</summary>
public sealed class FakeTokenCredential(TimeProvider clock) : TokenCredential
{
    private int _requests;

    public bool Fail { get; set; }
    public int Requests => _requests;
    public List<string[]> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        lock (Scopes)
        {
            Scopes.Add(requestContext.Scopes);
        }

        return Fail
            ? throw new AuthenticationFailedException("AADSTS7000215: Invalid client secret provided.")
            : new AccessToken(FakeGraphServer.Token, clock.GetUtcNow().AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

/// <summary>The fake server, a fake clock, and the hub's real Graph client and notifier pointed at them.</summary>
public sealed class GraphRig : IAsyncDisposable
{
    private GraphRig(FakeGraphServer server, FakeClock clock, M365Options options, FakeTokenCredential credential)
    {
        Server = server;
        Clock = clock;
        Options = options;
        Credential = credential;
        Notifier = new GraphTeamsNotifier(HubClients.Graph(options, credential, clock), options, NullLogger<GraphTeamsNotifier>.Instance);
    }

    public FakeGraphServer Server { get; }
    public FakeClock Clock { get; }
    public M365Options Options { get; }
    public FakeTokenCredential Credential { get; }
    public GraphTeamsNotifier Notifier { get; }

    public static async Task<GraphRig> StartAsync(Action<M365Options>? configure = null)
    {
        var clock = new FakeClock();
        var server = await FakeGraphServer.StartAsync(clock.GetUtcNow);
        var options = OptionsFor(server);
        configure?.Invoke(options);
        return new GraphRig(server, clock, options, new FakeTokenCredential(clock));
    }

    public static M365Options OptionsFor(FakeGraphServer server) => new()
    {
        Mode = M365Mode.Graph,
        GraphBaseUrl = server.GraphBaseUrl,
        TenantId = "11111111-2222-3333-4444-555555555555",
        ClientId = "66666666-7777-8888-9999-000000000000",
        TeamsAppId = server.CatalogAppId,
        BoardWebhookUrl = server.WebhookUrl,
        TrackerUrl = "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx",
        MaxRetries = 3,
        RetryDelay = TimeSpan.FromSeconds(2),
        MaxRetryDelay = TimeSpan.FromMinutes(2),
    };

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The hub's own HTTP clients (IHttpClientFactory, resilience handlers) on a given clock, as the app registers them.</summary>
public static class HubClients
{
    /// <summary>
    /// The factory holding <see cref="M365HttpClients.Graph"/> and <see cref="M365HttpClients.Webhook"/>; with
    /// <paramref name="transport"/>, both send through it instead of the network.
    /// </summary>
    public static IHttpClientFactory Factory(M365Options options, TimeProvider clock, HttpMessageHandler? transport = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(options)
            .AddSingleton(clock)
            .AddM365HttpClients();
        if (transport is not null)
        {
            foreach (var name in new[] { M365HttpClients.Graph, M365HttpClients.Webhook })
            {
                services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => transport);
            }
        }

        // The provider lives as long as the test's clients: it owns their handlers.
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    }

    /// <summary>The hub's GraphServiceClient with <paramref name="credential"/>, its retries on <paramref name="clock"/>.</summary>
    public static GraphServiceClient Graph(M365Options options, TokenCredential credential, TimeProvider clock) =>
        HubGraphClient.Create(Factory(options, clock), options, credential);

    /// <summary>The hub's webhook poster, its retries on <paramref name="clock"/>.</summary>
    public static WorkflowsWebhookPoster Webhook(M365Options options, TimeProvider clock, HttpMessageHandler? transport = null) =>
        new(Factory(options, clock, transport), options);
}

public static class Notifications
{
    public static OwnerNotification Overdue(string upn, string? objectId = null, string actionKey = "3.2") =>
        OwnerNotification.ForAction(
            new TeamsRecipient(upn, objectId),
            NotificationKind.Overdue,
            "semh-action-plan-2025",
            actionKey,
            actionKey,
            "Develop a graduated response toolkit for SEMH needs",
            new DateOnly(2026, 10, 16),
            new DateOnly(2026, 11, 2),
            new Uri($"https://council.sharepoint.com/sites/semh/Lists/Tracker/DispForm.aspx?ID={actionKey.Length}"));
}
