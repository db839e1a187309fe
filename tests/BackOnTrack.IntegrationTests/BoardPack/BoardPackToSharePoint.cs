using BackOnTrack.Application.BoardPack;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.M365;
using BackOnTrack.M365.Graph;
using BackOnTrack.M365.Outbox;
using BackOnTrack.Tests.Processes;
using BackOnTrack.UnitTests.M365;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.BoardPack;

/// <summary>
/// The monthly run as the hub composes itself in Graph mode with a board pack library: the timer's entry point, the
/// hub's real Graph client, a fake library on 127.0.0.1 in Graph's wire format.
/// </summary>
public sealed class BoardPackToSharePoint : IAsyncLifetime
{
    // Tuesday 1 December 2026, 05:30 UTC: the timer's first firing of the month.
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 12, 1, 5, 30, 0, TimeSpan.Zero));
    private readonly FreshAzurite _storage = FreshAzurite.Start();
    private FakeSharePointDrive _drive = null!;
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _drive = await FakeSharePointDrive.StartAsync(_clock.GetUtcNow);
        var credential = new FakeTokenCredential(_clock);
        var settings = new Dictionary<string, string?>
        {
            ["M365:Mode"] = "Graph",
            ["M365:GraphBaseUrl"] = _drive.GraphBaseUrl,
            ["M365:TenantId"] = "11111111-2222-3333-4444-555555555555",
            ["M365:TeamsAppId"] = "0b4c5a5e-6b0a-4a61-9d8e-3f3f1e0c2a11",
            ["M365:BoardWebhookUrl"] = "https://prod-01.uksouth.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=s",
            ["M365:TrackerUrl"] = "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx",
            ["M365:BoardPackDriveId"] = FakeSharePointDrive.DriveId,
            ["M365:BoardPackFolder"] = "Board packs",
        };
        _hub = await _clock.DriveAsync(TestHub.StartAsync(_storage.ConnectionString, _clock, settings, services =>
            services.AddSingleton(sp => HubGraphClient.Create(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<M365Options>(), credential))));
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _drive.DisposeAsync();
        _storage.Dispose();
    }

    [Fact]
    public async Task OnTheMonthsFirstWeekdayThePackGoesToTheLibraryAndIsTheLatestAndOnTheNextDayNothingIsMade()
    {
        var useCase = _hub.Services.GetRequiredService<BoardPackUseCase>();

        var run = await _clock.DriveAsync(useCase.RunMonthlyAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await _clock.DriveAsync(useCase.RunMonthlyAsync(CancellationToken.None));

        Assert.NotNull(run);
        Assert.True(run.InSharePoint);
        Assert.Null(nextDay);
        Assert.Equal(["Board packs/2026-12/board-pack.html", "Board packs/2026-12/board-pack.pdf"], _drive.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(run.Rendered.Single(f => f.Name == BoardPackUseCase.PdfName).Content, _drive.Files["Board packs/2026-12/board-pack.pdf"]);
        Assert.All(_drive.Requests, r => Assert.Equal(("content", $"Bearer {FakeGraphServer.Token}"), (r.Kind, r.Authorization)));
        var latest = await _hub.Services.GetRequiredService<BoardPackArchive>().ReadLatestAsync(CancellationToken.None);
        Assert.Equal(("2026-12", true, $"{FakeSharePointDrive.LibraryUrl}/Board%20packs/2026-12/board-pack.pdf"), (latest!.Month, latest.InSharePoint, latest.PrimaryUrl));
        Assert.Empty(await _hub.Services.GetRequiredService<OutboxStore>().ListAsync(OutboxChannels.BoardPack, CancellationToken.None));
    }
}
