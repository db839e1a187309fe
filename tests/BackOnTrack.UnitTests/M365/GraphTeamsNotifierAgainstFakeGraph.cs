using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using BackOnTrack.M365;
using BackOnTrack.M365.Graph;
using BackOnTrack.M365.Teams;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.UnitTests.M365;

/// <summary>The real GraphServiceClient, through the hub's handler chain and the real HTTP stack, against the fake.</summary>
public class GraphTeamsNotifierAgainstFakeGraph : IAsyncLifetime
{
    private const string Owner = "head.of.inclusion@council.example";
    private GraphRig _rig = null!;

    public async Task InitializeAsync() => _rig = await GraphRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private Task<NotificationResult> Notify(OwnerNotification notification) =>
        _rig.Clock.DriveAsync(_rig.Notifier.NotifyAsync(notification, CancellationToken.None));

    [Fact]
    public async Task InstallsTheAppForAnOwnerWhoLacksItThenSendsTheNotificationInGraphsWireShape()
    {
        var notification = Notifications.Overdue(Owner, objectId: "a1b2c3d4-0000-0000-0000-000000000001");

        var result = await Notify(notification);

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        Assert.True(result.Delivered);
        Assert.True(result.InstalledApp);
        Assert.Equal(
            [FakeEndpoint.ListInstalledApps, FakeEndpoint.InstallApp, FakeEndpoint.SendActivityNotification],
            _rig.Server.Requests.Select(r => r.Endpoint));
        Assert.All(_rig.Server.Requests, r => Assert.Equal("a1b2c3d4-0000-0000-0000-000000000001", r.UserId));

        var list = _rig.Server.RequestsTo(FakeEndpoint.ListInstalledApps).Single();
        Assert.Equal("teamsApp", list.Query["$expand"]);
        Assert.Equal($"teamsApp/id eq '{_rig.Server.CatalogAppId}'", list.Query["$filter"]);

        var install = _rig.Server.RequestsTo(FakeEndpoint.InstallApp).Single().Json!.AsObject();
        Assert.Equal($"{_rig.Server.GraphBaseUrl}/appCatalogs/teamsApps/{_rig.Server.CatalogAppId}", install["teamsApp@odata.bind"]!.GetValue<string>());

        var send = _rig.Server.RequestsTo(FakeEndpoint.SendActivityNotification).Single();
        Assert.StartsWith("application/json", send.ContentType, StringComparison.Ordinal);
        var body = send.Json!.AsObject();
        Assert.Equal("text", body["topic"]!["source"]!.GetValue<string>());
        Assert.Equal("Action 3.2: Develop a graduated response toolkit for SEMH needs", body["topic"]!["value"]!.GetValue<string>());
        Assert.Equal(notification.WebUrl.AbsoluteUri, body["topic"]!["webUrl"]!.GetValue<string>());
        Assert.Equal("overdue", body["activityType"]!.GetValue<string>());
        Assert.Equal(notification.PreviewText, body["previewText"]!["content"]!.GetValue<string>());
        Assert.Equal(
            ["actionRef=3.2", "title=Develop a graduated response toolkit for SEMH needs", "dueDate=16 Oct 2026"],
            body["templateParameters"]!.AsArray().Select(p => $"{p!["name"]}={p["value"]}"));
        Assert.Equal(notification.ChainId, body["chainId"]!.GetValue<long>());
        Assert.Equal(_rig.Server.CatalogAppId, body["teamsAppId"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryRequestCarriesTheHubsTokenAndDecoratedUserAgent()
    {
        await Notify(Notifications.Overdue(Owner));

        Assert.All(_rig.Server.Requests, r =>
        {
            Assert.Equal($"Bearer {FakeGraphServer.Token}", r.Authorization);
            Assert.Contains("BackOnTrack/1.0", r.UserAgent, StringComparison.Ordinal);
            Assert.StartsWith("NONISV|BackOnTrack|", r.UserAgent, StringComparison.Ordinal);
        });
        Assert.All(_rig.Credential.Scopes, scopes => Assert.Equal([HubGraphClient.GraphScope], scopes));
    }

    [Fact]
    public async Task AddressesTheOwnerByUpnWhenTheirObjectIdIsUnknown()
    {
        await Notify(Notifications.Overdue(Owner));

        Assert.All(_rig.Server.Requests, r => Assert.Equal(Owner, r.UserId));
    }

    [Fact]
    public async Task DoesNotInstallTheAppAgainForAnOwnerWhoHasIt()
    {
        _rig.Server.Preinstall(Owner);

        var result = await Notify(Notifications.Overdue(Owner));

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        Assert.False(result.InstalledApp);
        Assert.Empty(_rig.Server.RequestsTo(FakeEndpoint.InstallApp));
    }

    [Fact]
    public async Task EnsureAppInstalledSaysWhatItDid()
    {
        Assert.Equal(AppInstallOutcome.Installed, (await _rig.Clock.DriveAsync(_rig.Notifier.EnsureAppInstalledAsync(new TeamsRecipient(Owner), default))).Outcome);
        Assert.Equal(AppInstallOutcome.AlreadyInstalled, (await _rig.Clock.DriveAsync(_rig.Notifier.EnsureAppInstalledAsync(new TeamsRecipient(Owner), default))).Outcome);
        Assert.True(_rig.Server.IsInstalled(Owner));
    }

    [Fact]
    public async Task A429WithRetryAfterIsRetriedOnceAfterExactlyThatDelay()
    {
        _rig.Server.Preinstall(Owner);
        _rig.Server.ThrottleOnce(FakeEndpoint.SendActivityNotification, retryAfterSeconds: 7);
        var waits = new List<TimeSpan>();

        var result = await _rig.Clock.DriveAsync(_rig.Notifier.NotifyAsync(Notifications.Overdue(Owner), default), waits);

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        Assert.Equal([TimeSpan.FromSeconds(7)], waits);
        var sends = _rig.Server.RequestsTo(FakeEndpoint.SendActivityNotification);
        Assert.Equal(2, sends.Count);
        Assert.Equal(TimeSpan.FromSeconds(7), sends[1].At - sends[0].At);
        Assert.Equal(sends[0].Body, sends[1].Body);
        // Kiota's own RetryHandler is gone: it would have stamped a Retry-Attempt header on the second send.
        Assert.All(sends, s => Assert.False(s.Headers.ContainsKey("Retry-Attempt")));
    }

    [Fact]
    public async Task A503StormGivesUpAfterTheBoundedAttemptsWithTheStatusAndCode()
    {
        _rig.Server.Preinstall(Owner);
        _rig.Server.ServiceUnavailableStorm(FakeEndpoint.SendActivityNotification);
        var waits = new List<TimeSpan>();

        var error = await Assert.ThrowsAsync<M365ServiceException>(
            () => _rig.Clock.DriveAsync(_rig.Notifier.NotifyAsync(Notifications.Overdue(Owner), default), waits));

        Assert.IsNotType<M365CredentialsRefusedException>(error);
        Assert.Equal(503, error.Status);
        Assert.Equal("serviceNotAvailable", error.ErrorCode);
        Assert.Equal(1 + _rig.Options.MaxRetries, _rig.Server.RequestsTo(FakeEndpoint.SendActivityNotification).Count);
        Assert.Equal(_rig.Options.MaxRetries, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, _rig.Options.MaxRetryDelay));
    }

    [Fact]
    public async Task A503StormWithRetryAfterWaitsWhatTheServiceAsksEachTime()
    {
        _rig.Server.Preinstall(Owner);
        _rig.Server.ServiceUnavailableStorm(FakeEndpoint.SendActivityNotification, retryAfterSeconds: 11);
        var waits = new List<TimeSpan>();

        await Assert.ThrowsAsync<M365ServiceException>(
            () => _rig.Clock.DriveAsync(_rig.Notifier.NotifyAsync(Notifications.Overdue(Owner), default), waits));

        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(11), _rig.Options.MaxRetries), waits);
    }

    [Fact]
    public async Task A401IsNotRetriedAndSaysTheHubsOwnCredentialsWereRefused()
    {
        _rig.Server.RefuseEveryToken();

        var error = await Assert.ThrowsAsync<M365CredentialsRefusedException>(() => Notify(Notifications.Overdue(Owner)));

        Assert.Equal(401, error.Status);
        Assert.Equal("InvalidAuthenticationToken", error.ErrorCode);
        Assert.Contains("hub's own credentials", error.Message, StringComparison.Ordinal);
        Assert.Single(_rig.Server.Requests);
        Assert.Empty(_rig.Clock.PendingDelays);
    }

    [Fact]
    public async Task ATokenTheHubCannotObtainIsAlsoItsCredentialsRefusedAndNothingIsSent()
    {
        _rig.Credential.Fail = true;

        var error = await Assert.ThrowsAsync<M365CredentialsRefusedException>(() => Notify(Notifications.Overdue(Owner)));

        Assert.Equal("TokenUnavailable", error.ErrorCode);
        Assert.Empty(_rig.Server.Requests);
    }

    [Fact]
    public async Task A403ForOneOwnerIsReportedForThemAndTheNextOwnerIsStillNotified()
    {
        const string other = "virtual.school.head@council.example";
        _rig.Server.UserForbidden(Owner);

        var refused = await Notify(Notifications.Overdue(Owner));
        var sent = await Notify(Notifications.Overdue(other));

        Assert.Equal(DeliveryOutcome.NotReachable, refused.Outcome);
        Assert.False(refused.Delivered);
        Assert.Equal(403, refused.Status);
        Assert.Equal("Forbidden", refused.ErrorCode);
        Assert.Single(_rig.Server.Requests, r => r.UserId == Owner);
        Assert.Equal(DeliveryOutcome.Sent, sent.Outcome);
    }

    [Fact]
    public async Task A404ForAnOwnerWhoDoesNotExistIsReportedNotRetried()
    {
        _rig.Server.UserDoesNotExist(Owner);

        var result = await Notify(Notifications.Overdue(Owner));

        Assert.Equal(DeliveryOutcome.NotReachable, result.Outcome);
        Assert.Equal(404, result.Status);
        Assert.Equal("Request_ResourceNotFound", result.ErrorCode);
        Assert.Contains("does not exist", result.Message, StringComparison.Ordinal);
        Assert.Single(_rig.Server.Requests);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheHubWillWaitFailsAtOnceRatherThanRetryingEarly()
    {
        _rig.Server.Preinstall(Owner);
        _rig.Server.ThrottleOnce(FakeEndpoint.SendActivityNotification, retryAfterSeconds: 600);

        var error = await Assert.ThrowsAsync<M365ServiceException>(() => Notify(Notifications.Overdue(Owner)));

        Assert.Equal(429, error.Status);
        Assert.Equal("TooManyRequests", error.ErrorCode);
        Assert.Contains("Retry-After 600", error.Message, StringComparison.Ordinal);
        Assert.Single(_rig.Server.RequestsTo(FakeEndpoint.SendActivityNotification));
    }

    [Fact]
    public async Task WithRetriesOffA503IsSentExactlyOnceSoNoOtherRetryLayerIsLeft()
    {
        await using var rig = await GraphRig.StartAsync(o => o.MaxRetries = 0);
        rig.Server.Preinstall(Owner);
        rig.Server.ServiceUnavailableStorm(FakeEndpoint.SendActivityNotification, retryAfterSeconds: 0);

        var error = await Assert.ThrowsAsync<M365ServiceException>(() => rig.Clock.DriveAsync(rig.Notifier.NotifyAsync(Notifications.Overdue(Owner), default)));

        Assert.Equal(503, error.Status);
        Assert.Single(rig.Server.RequestsTo(FakeEndpoint.SendActivityNotification));
    }

    [Fact]
    public async Task AGraphThatCannotBeReachedIsANetworkErrorAfterTheBoundedRetries()
    {
        var options = GraphRig.OptionsFor(_rig.Server);
        options.GraphBaseUrl = $"http://127.0.0.1:{UnusedPort()}/v1.0";
        var notifier = new GraphTeamsNotifier(HubClients.Graph(options, _rig.Credential, _rig.Clock), options, NullLogger<GraphTeamsNotifier>.Instance);
        var waits = new List<TimeSpan>();

        var error = await Assert.ThrowsAsync<M365ServiceException>(
            () => _rig.Clock.DriveAsync(notifier.NotifyAsync(Notifications.Overdue(Owner), default), waits));

        Assert.Equal(0, error.Status);
        Assert.Equal("NetworkError", error.ErrorCode);
        Assert.Equal(options.MaxRetries, waits.Count);
    }

    [Fact]
    public async Task AnInstallationThatRacedAnotherRunCountsAsInstalled()
    {
        // Not listed a moment ago, installed by someone else before our POST: Graph answers 409.
        _rig.Server.AlwaysFail(FakeEndpoint.InstallApp, 409, "Conflict");

        var result = await _rig.Clock.DriveAsync(_rig.Notifier.EnsureAppInstalledAsync(new TeamsRecipient(Owner), default));

        Assert.Equal(AppInstallOutcome.AlreadyInstalled, result.Outcome);
        Assert.Single(_rig.Server.RequestsTo(FakeEndpoint.InstallApp));
    }

    [Fact]
    public async Task TheOutboxRecordsExactlyTheBodyGraphIsSent()
    {
        var notification = Notifications.Overdue(Owner);
        await Notify(notification);

        var sent = JsonNode.Parse(_rig.Server.RequestsTo(FakeEndpoint.SendActivityNotification).Single().Body);
        var outboxed = JsonNode.Parse(ActivityNotificationRequest.ToJson(ActivityNotificationRequest.Build(notification, _rig.Options.TeamsAppId)));

        Assert.True(JsonNode.DeepEquals(sent, outboxed), $"Graph got {sent}\nthe outbox would hold {outboxed}");
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
