using Azure.Data.Tables;
using Azure.Identity;
using BackOnTrack.M365;
using BackOnTrack.M365.Digest;
using BackOnTrack.M365.Outbox;
using BackOnTrack.M365.Teams;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackOnTrack.UnitTests.M365;

public class M365OptionsAndRegistrationTests
{
    private static M365Options Graph() => new()
    {
        Mode = M365Mode.Graph,
        TenantId = "t",
        ClientId = "c",
        TeamsAppId = "a",
        BoardWebhookUrl = "https://prod-01.uksouth.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=s",
        TrackerUrl = "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx",
    };

    private static ServiceProvider Services(Dictionary<string, string?> settings, FakeClock? clock = null, FakeTokenCredential? credential = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock ?? new FakeClock());
        // Outbox mode's store takes the account's table client; building one connects to nothing.
        services.AddSingleton(new TableServiceClient("UseDevelopmentStorage=true"));
        services.AddBackOnTrackM365(configuration, credential);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void WithoutATenantTheModeIsOutboxAndNothingElseIsNeeded()
    {
        var options = new M365Options();

        Assert.Equal(M365Mode.Outbox, options.EffectiveMode);
        Assert.Empty(options.Problems());
        Assert.Equal("https://graph.microsoft.com/v1.0", options.GraphBaseUrl);
    }

    [Fact]
    public void ATenantWithoutAModeMeansGraphAndAnExplicitModeWins()
    {
        Assert.Equal(M365Mode.Graph, new M365Options { TenantId = "t" }.EffectiveMode);
        Assert.Equal(M365Mode.Outbox, new M365Options { TenantId = "t", Mode = M365Mode.Outbox }.EffectiveMode);
    }

    [Fact]
    public void GraphModeNeedsTenantAppAndWebhookButNoAppRegistration()
    {
        var problems = new M365Options { Mode = M365Mode.Graph }.Problems();

        Assert.Contains("M365:TenantId is required when M365:Mode is Graph.", problems);
        Assert.DoesNotContain(problems, p => p.Contains("M365:ClientId is required", StringComparison.Ordinal));
        Assert.Contains("M365:TeamsAppId is required when M365:Mode is Graph.", problems);
        Assert.Contains("M365:BoardWebhookUrl is required when M365:Mode is Graph.", problems);
        Assert.Contains("M365:TrackerUrl is required when M365:Mode is Graph.", problems);
        Assert.Empty(Graph().Problems());
        var managedIdentityAlone = Graph();
        managedIdentityAlone.ClientId = "";
        Assert.Empty(managedIdentityAlone.Problems());
    }

    [Fact]
    public void ASecretWithoutAnAppRegistrationIsRefusedRatherThanIgnored()
    {
        var options = Graph();
        options.ClientId = "";
        options.ClientSecret = "s3cr3t";

        var problem = Assert.Single(options.Problems());

        Assert.Contains("M365:ClientSecret is set without M365:ClientId", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHubSignsInAsTheManagedIdentityWithoutAnAppRegistrationAndAsTheAppRegistrationWithOne()
    {
        var managedIdentity = Graph();
        managedIdentity.ClientId = "";
        var secret = Graph();
        secret.ClientSecret = "s3cr3t";
        var federated = Graph();
        federated.ManagedIdentityClientId = "0d2f6c8e-1111-2222-3333-444444444444";

        Assert.IsType<ManagedIdentityCredential>(M365Credentials.Create(managedIdentity));
        Assert.IsType<ClientSecretCredential>(M365Credentials.Create(secret));
        Assert.IsType<ClientAssertionCredential>(M365Credentials.Create(federated));
    }

    [Theory]
    [InlineData("https://prod-01.uksouth.logic.azure.com/workflows/1?sig=s", true)]
    [InlineData("https://default0a.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/1?sig=s", true)]
    [InlineData("http://127.0.0.1:5123/workflows/1?sig=s", true)]
    [InlineData("http://localhost:5123/workflows/1?sig=s", false)]
    [InlineData("http://prod-01.uksouth.logic.azure.com/workflows/1?sig=s", false)]
    [InlineData("not a url", false)]
    public void TheWebhookMustBeHttpsExceptOnLoopbackForTests(string url, bool valid)
    {
        var options = Graph();
        options.BoardWebhookUrl = url;

        var problems = options.Problems();

        Assert.Equal(valid, problems.Count == 0);
        Assert.All(problems, p => Assert.DoesNotContain("sig=", p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5087/v1.0", true)]
    [InlineData("https://graph.microsoft.us/v1.0", true)]
    [InlineData("http://graph.microsoft.com/v1.0", false)]
    public void GraphsBaseUrlMustBeHttpsExceptOnLoopback(string url, bool valid)
    {
        var options = Graph();
        options.GraphBaseUrl = url;

        Assert.Equal(valid, options.Problems().Count == 0);
    }

    [Fact]
    public void RetrySettingsAreBounded()
    {
        Assert.NotEmpty(new M365Options { MaxRetries = 11 }.Problems());
        Assert.NotEmpty(new M365Options { RetryDelay = TimeSpan.FromMinutes(5) }.Problems());
        Assert.NotEmpty(new M365Options { NetworkTimeout = TimeSpan.Zero }.Problems());
    }

    [Fact]
    public void OutboxModeRegistersTheOutboxImplementations()
    {
        using var services = Services(new() { ["M365:Mode"] = "" });

        Assert.IsType<OutboxTeamsNotifier>(services.GetRequiredService<ITeamsNotifier>());
        Assert.IsType<OutboxDigestPoster>(services.GetRequiredService<IBoardDigestPoster>());
    }

    [Fact]
    public void GraphModeRegistersGraphAndTheWebhook()
    {
        using var services = Services(new()
        {
            ["M365:TenantId"] = "t",
            ["M365:ClientId"] = "c",
            ["M365:TeamsAppId"] = "a",
            ["M365:BoardWebhookUrl"] = "https://prod-01.uksouth.logic.azure.com/workflows/1?sig=s",
            ["M365:TrackerUrl"] = "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx",
            ["M365:MaxRetries"] = "2",
            ["M365:RetryDelay"] = "00:00:01",
        });

        Assert.Equal(M365Mode.Graph, services.GetRequiredService<M365Options>().EffectiveMode);
        Assert.Equal(2, services.GetRequiredService<M365Options>().MaxRetries);
        Assert.IsType<GraphTeamsNotifier>(services.GetRequiredService<ITeamsNotifier>());
        Assert.IsType<WorkflowsWebhookPoster>(services.GetRequiredService<IBoardDigestPoster>());
    }

    [Fact]
    public void InvalidSettingsFailWithEveryProblemNamed()
    {
        using var services = Services(new() { ["M365:Mode"] = "Graph", ["M365:MaxRetries"] = "99" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<M365Options>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("M365:TenantId", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("M365:MaxRetries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRegisteredGraphNotifierReachesTheConfiguredGraphWithTheHubsClock()
    {
        var clock = new FakeClock();
        await using var server = await FakeGraphServer.StartAsync(clock.GetUtcNow);
        server.ThrottleOnce(FakeEndpoint.ListInstalledApps, retryAfterSeconds: 5);
        using var services = Services(
            new()
            {
                ["M365:Mode"] = "Graph",
                ["M365:GraphBaseUrl"] = server.GraphBaseUrl,
                ["M365:TenantId"] = "t",
                ["M365:ClientId"] = "c",
                ["M365:TeamsAppId"] = server.CatalogAppId,
                ["M365:BoardWebhookUrl"] = server.WebhookUrl,
                ["M365:TrackerUrl"] = "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx",
            },
            clock,
            new FakeTokenCredential(clock));
        var waits = new List<TimeSpan>();

        var result = await clock.DriveAsync(services.GetRequiredService<ITeamsNotifier>().NotifyAsync(Notifications.Overdue("jo@council.example"), default), waits);
        var posted = await clock.DriveAsync(services.GetRequiredService<IBoardDigestPoster>().PostAsync(DigestCardBuilder.Build(SampleDigests.Typical()).Card, default));

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        Assert.Equal([TimeSpan.FromSeconds(5)], waits);
        Assert.Equal(DigestOutcome.Posted, posted.Outcome);
    }
}
