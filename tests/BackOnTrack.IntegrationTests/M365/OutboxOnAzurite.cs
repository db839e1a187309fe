using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.M365;
using BackOnTrack.M365.Digest;
using BackOnTrack.M365.Outbox;
using BackOnTrack.M365.Teams;
using BackOnTrack.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.M365;

/// <summary>Outbox mode on real Azurite: the would-be payloads land in table Outbox per the DESIGN §5 contract.</summary>
[Collection(AzuriteGroup.Name)]
public partial class OutboxOnAzurite(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 2, 6, 30, 0, TimeSpan.Zero));
    private readonly string _owner = $"owner-{Guid.NewGuid():N}@council.example";

    public async Task InitializeAsync() => await azurite.Tables().CreateTableIfNotExistsAsync(HubStorageNames.Tables.Outbox);

    public Task DisposeAsync() => Task.CompletedTask;

    private OutboxStore Store() => new(azurite.Tables(), _clock);

    private static readonly M365Options Options = new() { TeamsAppId = "0b4c5a5e-6b0a-4a61-9d8e-3f3f1e0c2a11" };

    [GeneratedRegex(@"^\d{21}_[0-9a-f]{8}$")]
    private static partial Regex RowKeyShape();

    private OwnerNotification Notification(NotificationKind kind = NotificationKind.Overdue, string actionKey = "3.2") => OwnerNotification.ForAction(
        new TeamsRecipient(_owner, "5f0c7a9e-0000-0000-0000-000000000001"),
        kind,
        "semh-action-plan-2025",
        actionKey,
        actionKey,
        "Develop a graduated response toolkit",
        new DateOnly(2026, 10, 16),
        new DateOnly(2026, 11, 2),
        new Uri("https://council.sharepoint.com/sites/semh/Lists/Tracker/DispForm.aspx?ID=12"));

    private async Task<IReadOnlyList<OutboxEntry>> MineAsync() =>
        (await Store().ListAsync(OutboxChannels.TeamsActivity, default)).Where(e => e.Recipient == _owner).ToList();

    [Fact]
    public async Task ANotificationIsOutboxedWithTheContractsPropertiesAndTheExactGraphBody()
    {
        var notifier = new OutboxTeamsNotifier(Store(), Options);

        var result = await notifier.NotifyAsync(Notification(), default);

        Assert.Equal(DeliveryOutcome.Outboxed, result.Outcome);
        Assert.False(result.Delivered);
        var entry = Assert.Single(await MineAsync());
        Assert.Equal("TeamsActivity", entry.Channel);
        Assert.Matches(RowKeyShape(), entry.RowKey);
        Assert.StartsWith("20261102063000", entry.RowKey, StringComparison.Ordinal);
        Assert.Equal("3.2", entry.ActionKey);
        Assert.Equal("overdue", entry.Kind);
        Assert.Equal(_clock.GetUtcNow(), entry.CreatedAt);

        var payload = JsonNode.Parse(entry.Payload)!;
        Assert.Equal("overdue", payload["activityType"]!.GetValue<string>());
        Assert.Equal("text", payload["topic"]!["source"]!.GetValue<string>());
        Assert.Equal("https://council.sharepoint.com/sites/semh/Lists/Tracker/DispForm.aspx?ID=12", payload["topic"]!["webUrl"]!.GetValue<string>());
        Assert.Equal(Options.TeamsAppId, payload["teamsAppId"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheRawRowUsesTheContractsNamesAndTypes()
    {
        await new OutboxTeamsNotifier(Store(), Options).NotifyAsync(Notification(NotificationKind.Due, "1.4"), default);
        var entry = Assert.Single(await MineAsync());

        var row = await azurite.Tables().GetOrNullAsync(HubStorageNames.Tables.Outbox, "TeamsActivity", entry.RowKey);

        Assert.NotNull(row);
        Assert.Equal(_owner, row.GetString("Recipient"));
        Assert.Equal("1.4", row.GetString("ActionKey"));
        Assert.Equal("due", row.GetString("Kind"));
        Assert.IsType<DateTimeOffset>(row["CreatedAt"]);
        Assert.IsType<string>(row["Payload"]);
    }

    [Fact]
    public async Task EnsuringTheAppIsInstalledWritesNothingAndClaimsNothing()
    {
        var result = await new OutboxTeamsNotifier(Store(), Options).EnsureAppInstalledAsync(new TeamsRecipient(_owner), default);

        Assert.Equal(AppInstallOutcome.Outboxed, result.Outcome);
        Assert.Empty(await MineAsync());
    }

    [Fact]
    public async Task RowKeysAreUniqueAtTheSameInstantAndSortInCreationOrder()
    {
        var notifier = new OutboxTeamsNotifier(Store(), Options);
        for (var i = 0; i < 5; i++)
        {
            await notifier.NotifyAsync(Notification(actionKey: $"2.{i}"), default);
        }

        for (var i = 5; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromTicks(1));
            await notifier.NotifyAsync(Notification(actionKey: $"2.{i}"), default);
        }

        var entries = await MineAsync();
        Assert.Equal(10, entries.Select(e => e.RowKey).Distinct().Count());
        // Table storage returns rows in RowKey order: the later ones come last, in the order they were written.
        Assert.Equal(["2.5", "2.6", "2.7", "2.8", "2.9"], entries.Skip(5).Select(e => e.ActionKey));
        Assert.Equal(entries.Select(e => e.RowKey).Order(StringComparer.Ordinal), entries.Select(e => e.RowKey));
    }

    [Fact]
    public async Task TheDigestIsOutboxedAsTheExactWebhookBody()
    {
        var card = DigestCardBuilder.Build(new BoardDigest(
            $"Plan {_owner}",
            new DateOnly(2026, 11, 2),
            [new("Not started", 1)],
            [new("1 · Early identification", 1)],
            [],
            [],
            [],
            [new("Suspension rate", "4.1%")],
            [])).Card;

        var result = await new OutboxDigestPoster(Store()).PostAsync(card, default);

        Assert.Equal(DigestOutcome.Outboxed, result.Outcome);
        Assert.False(result.Delivered);
        var entry = Assert.Single(
            await Store().ListAsync(OutboxChannels.BoardDigest, default),
            e => e.Payload.Contains(_owner, StringComparison.Ordinal));
        Assert.Equal("digest", entry.Kind);
        Assert.Null(entry.Recipient);
        Assert.Null(entry.ActionKey);
        Assert.Equal(WorkflowsMessage.Serialize(card), System.Text.Encoding.UTF8.GetBytes(entry.Payload));
        Assert.Equal(result.BodyBytes, System.Text.Encoding.UTF8.GetByteCount(entry.Payload));
    }

    [Fact]
    public async Task ATooLargeDigestIsRefusedInTheOutboxToo()
    {
        var card = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.4", ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = new string('x', 30_000) }) };

        await Assert.ThrowsAsync<DigestTooLargeException>(() => new OutboxDigestPoster(Store()).PostAsync(card, default));
    }

    [Fact]
    public async Task WithoutATenantTheHubsRegistrationWritesToTheOutbox()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["M365:TeamsAppId"] = Options.TeamsAppId,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddBackOnTrackStorage(configuration);
        services.AddBackOnTrackM365(configuration);
        await using var provider = services.BuildServiceProvider();

        var notifier = provider.GetRequiredService<ITeamsNotifier>();
        var result = await notifier.NotifyAsync(Notification(), default);

        Assert.IsType<OutboxTeamsNotifier>(notifier);
        Assert.Equal(DeliveryOutcome.Outboxed, result.Outcome);
        Assert.Single(await MineAsync());
    }

    /// <summary>A clock that stands still until told to move.</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
