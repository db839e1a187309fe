using BackOnTrack.M365.Teams;

namespace BackOnTrack.UnitTests.M365;

public class OwnerNotificationTests
{
    private static readonly Uri Item = new("https://council.sharepoint.com/sites/semh/Lists/Tracker/DispForm.aspx?ID=7");

    [Fact]
    public void AnOverdueActionSaysSinceWhenAndKeepsThePreviewWithinWhatTeamsShows()
    {
        var n = OwnerNotification.ForAction(
            new TeamsRecipient("jo@council.example"), NotificationKind.Overdue, "plan", "3.2", "3.2",
            string.Concat(Enumerable.Repeat("A very long action title about SEMH support ", 10)),
            new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2), Item);

        Assert.True(n.PreviewText.Length <= OwnerNotification.PreviewLength, n.PreviewText);
        Assert.StartsWith("Action 3.2: A very long action title", n.PreviewText, StringComparison.Ordinal);
        Assert.EndsWith("is overdue: it was due 1 Nov 2026 (1 day ago). Update its progress in the tracker.", n.PreviewText, StringComparison.Ordinal);
        Assert.Equal("overdue", n.Kind.WireName());
        Assert.Equal(Item, n.WebUrl);
        Assert.True(n.TopicText.Length <= 100);
        Assert.True(n.TemplateParameters.Single(p => p.Name == "title").Value.Length <= 60);
    }

    [Theory]
    [InlineData(0, "is due today (2 Nov 2026).")]
    [InlineData(1, "is due 3 Nov 2026 (in 1 day).")]
    [InlineData(14, "is due 16 Nov 2026 (in 14 days).")]
    public void ADueActionSaysWhen(int days, string expected)
    {
        var asOf = new DateOnly(2026, 11, 2);

        var n = OwnerNotification.ForAction(new TeamsRecipient("jo@council.example"), NotificationKind.Due, "plan", "1.4", "1.4", "Train staff", asOf.AddDays(days), asOf, Item);

        Assert.Contains(expected, n.PreviewText, StringComparison.Ordinal);
        Assert.Equal("due", n.Kind.WireName());
        Assert.Equal(["actionRef", "title", "dueDate"], n.TemplateParameters.Select(p => p.Name));
    }

    [Fact]
    public void TheChainIdIsStablePositiveAndPerAction()
    {
        var a = OwnerNotification.ChainIdFor("plan-2025", "3.2");

        Assert.Equal(a, OwnerNotification.ChainIdFor("plan-2025", "3.2"));
        Assert.True(a > 0);
        Assert.NotEqual(a, OwnerNotification.ChainIdFor("plan-2025", "3.2-2"));
        Assert.NotEqual(a, OwnerNotification.ChainIdFor("plan-2026", "3.2"));
    }

    [Fact]
    public void GraphAddressesTheOwnerByObjectIdWhenKnown()
    {
        Assert.Equal("oid-1", new TeamsRecipient("jo@council.example", "oid-1").GraphId);
        Assert.Equal("jo@council.example", new TeamsRecipient("jo@council.example").GraphId);
        Assert.Equal("jo@council.example", new TeamsRecipient("jo@council.example", " ").GraphId);
    }
}
