using Azure.Data.Tables;
using BackOnTrack.M365;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.UnitTests.M365;

public class BoardPackLibraryChoice
{
    private static IBoardPackLibrary Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeClock());
        // Outbox mode's store takes the account's table client; building one connects to nothing.
        services.AddSingleton(new TableServiceClient("UseDevelopmentStorage=true"));
        services.AddBackOnTrackM365(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new FakeTokenCredential(new FakeClock()));
        return services.BuildServiceProvider().GetRequiredService<IBoardPackLibrary>();
    }

    private static Dictionary<string, string?> GraphMode(string? driveId) => new()
    {
        ["M365:Mode"] = "Graph",
        ["M365:TenantId"] = "t",
        ["M365:TeamsAppId"] = "a",
        ["M365:BoardWebhookUrl"] = "https://prod-01.uksouth.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=s",
        ["M365:TrackerUrl"] = "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx",
        ["M365:BoardPackDriveId"] = driveId,
    };

    [Fact]
    public void GraphModeWithALibraryUploadsToSharePoint() =>
        Assert.IsType<GraphBoardPackLibrary>(Resolve(GraphMode("b!drive")));

    [Fact]
    public void GraphModeWithoutALibraryAndOutboxModeWithOneBothKeepThePackInTheOutbox()
    {
        Assert.IsType<OutboxBoardPackLibrary>(Resolve(GraphMode(null)));
        Assert.IsType<OutboxBoardPackLibrary>(Resolve(new() { ["M365:Mode"] = "Outbox", ["M365:BoardPackDriveId"] = "b!drive" }));
    }

    [Theory]
    [InlineData("Board packs", true)]
    [InlineData("Strategy board/Packs", true)]
    [InlineData("", false)]
    [InlineData("Packs//2026", false)]
    [InlineData("../Packs", false)]
    [InlineData("Packs: monthly", false)]
    [InlineData("Packs#1", false)]
    public void TheFolderMustBeAPathOfNamesSharePointAccepts(string folder, bool usable) =>
        Assert.Equal(usable, !new M365Options { BoardPackFolder = folder }.Problems().Any(p => p.StartsWith("M365:BoardPackFolder", StringComparison.Ordinal)));
}
