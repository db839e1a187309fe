using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Tracker;

namespace BackOnTrack.UnitTests.Core.Tracker;

/// <summary>Text written to the SharePoint lists, which the board exports to Excel, never starts a live formula.</summary>
public sealed class TrackerCellsNeverStartAFormula
{
    [Fact]
    public void AnActionsTitleOwnersAndNoteAreNeutralisedAndAPlainNoteIsLeftAlone()
    {
        var imported = new PlanAction(
            "4.1", "=HYPERLINK(\"http://x.example\",\"4.1\")", 4, "Workforce", "Train staff", ActionStatus.InProgress, null, "July 2020",
            new DateOnly(2020, 7, 31), [], ["@Head of Inclusion"], [], 30);

        var row = ActionRows.For("semh-action-plan", new StoredAction(imported, ActionStatus.InProgress, "+44 1709 000000 called", RemovedFromPlan: false), null, new DateOnly(2020, 1, 6));
        var plain = ActionRows.For("semh-action-plan", new StoredAction(imported, ActionStatus.InProgress, "Agreed with schools", RemovedFromPlan: false), null, new DateOnly(2020, 1, 6));

        Assert.StartsWith("'=HYPERLINK", row.Fields[TrackerLists.Title], StringComparison.Ordinal);
        Assert.Equal("'@Head of Inclusion", row.Fields[TrackerLists.Owners]);
        Assert.Equal("'+44 1709 000000 called", row.Fields[TrackerLists.LastNote]);
        Assert.Equal("Agreed with schools", plain.Fields[TrackerLists.LastNote]);
    }
}
