using BackOnTrack.M365;

namespace BackOnTrack.UnitTests.M365;

public sealed class TrackerLinksTests
{
    [Fact]
    public void LinksAnActionToTheTrackerFilteredOnItsActionId()
    {
        var links = new TrackerLinks(new M365Options { TrackerUrl = "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx" });

        Assert.Equal(
            "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx?FilterField1=ActionId&FilterValue1=3.2-2",
            links.ForAction("3.2-2").AbsoluteUri);
    }

    [Fact]
    public void KeepsATrackerUrlsOwnQueryAndEscapesTheKey()
    {
        var links = new TrackerLinks(new M365Options { TrackerUrl = "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx?viewid=abc" });

        Assert.Equal(
            "https://council.sharepoint.com/sites/semh/Lists/ActionTracker/AllItems.aspx?viewid=abc&FilterField1=ActionId&FilterValue1=a%26b%20c",
            links.ForAction("a&b c").AbsoluteUri);
    }

    [Fact]
    public void WithoutATrackerTheOutboxShowsAnAddressThatCanNeverResolve()
    {
        var links = new TrackerLinks(new M365Options());

        Assert.Equal("tracker.invalid", links.ForAction("1.1").Host);
        Assert.Equal(M365Options.PlaceholderTrackerUrl, links.Tracker.AbsoluteUri);
    }

    [Fact]
    public void ATrackerUrlMustBeHttps()
    {
        Assert.Contains(
            "M365:TrackerUrl must be an absolute https URL (the tracker list as people open it).",
            new M365Options { TrackerUrl = "http://council.sharepoint.com/sites/semh" }.Problems());
    }
}
