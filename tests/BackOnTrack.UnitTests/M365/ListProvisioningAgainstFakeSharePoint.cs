using BackOnTrack.Core.Tracker;
using BackOnTrack.M365;
using BackOnTrack.M365.Graph;
using BackOnTrack.M365.SharePoint;

namespace BackOnTrack.UnitTests.M365;

/// <summary><c>provision-lists</c>' work, through the real Graph client, against the fake SharePoint site.</summary>
public sealed class ListProvisioningAgainstFakeSharePoint : IAsyncLifetime
{
    private FakeSharePointServer _sharePoint = null!;
    private SharePointListProvisioner _provisioner = null!;

    public async Task InitializeAsync()
    {
        _sharePoint = await FakeSharePointServer.StartAsync(() => DateTimeOffset.UtcNow);
        var options = new M365Options { Mode = M365Mode.Graph, GraphBaseUrl = _sharePoint.GraphBaseUrl, SiteId = FakeSharePointServer.SiteId, MaxRetries = 0 };
        _provisioner = new SharePointListProvisioner(HubClients.Graph(options, new StaticTokenCredential(), TimeProvider.System), options);
    }

    public async Task DisposeAsync() => await _sharePoint.DisposeAsync();

    [Fact]
    public async Task CreatesTheTrackerWithEveryColumnAndAUniqueIndexedActionIdThenFindsItAgain()
    {
        var first = await _provisioner.EnsureAsync(TrackerLists.Actions, CancellationToken.None);
        var again = await _provisioner.EnsureAsync(TrackerLists.Actions, CancellationToken.None);

        Assert.True(first.Created);
        Assert.Equal((first.ListId, false, 0), (again.ListId, again.Created, again.ColumnsAdded.Count));
        var (name, columns) = _sharePoint.List(first.ListId);
        Assert.Equal(TrackerLists.Actions.DisplayName, name);
        Assert.Equal(TrackerLists.Actions.Columns.Select(c => c.Name).Order(StringComparer.Ordinal), columns.Select(c => c.Name).Order(StringComparer.Ordinal));
        var actionId = Assert.Single(_sharePoint.CreatedColumns, c => c["name"]!.GetValue<string>() == TrackerLists.ActionId);
        Assert.Equal((true, true), (actionId["enforceUniqueValues"]!.GetValue<bool>(), actionId["indexed"]!.GetValue<bool>()));
        var status = Assert.Single(_sharePoint.CreatedColumns, c => c["name"]!.GetValue<string>() == TrackerLists.Status);
        Assert.Equal(["Not started", "In progress", "Complete"], status["choice"]!["choices"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task AddsOnlyTheColumnsAnExistingListLacks()
    {
        var listId = _sharePoint.AddList(
            TrackerLists.Figures.DisplayName,
            TrackerLists.FigureId,
            TrackerLists.Figures.Columns.Where(c => c.Name is not ("DataAsOf" or "SuspRate")).Select(c => (c.Name, c.DisplayName, c.Choices)));

        var result = await _provisioner.EnsureAsync(TrackerLists.Figures, CancellationToken.None);

        Assert.Equal((listId, false), (result.ListId, result.Created));
        Assert.Equal(
            TrackerLists.Figures.Columns.Where(c => c.Name is "DataAsOf" or "SuspRate").Select(c => c.DisplayName).Order(StringComparer.Ordinal),
            result.ColumnsAdded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ASyncStopsOnAListMissingAColumnAndNamesIt()
    {
        var present = TrackerLists.Actions.Columns.Where(c => c.Name != TrackerLists.LastNote).Select(c => (c.Name, (string?)c.DisplayName));

        var error = Assert.Throws<TrackerColumnsMissingException>(() => ColumnMap.Resolve(TrackerLists.Actions, present));

        Assert.Contains("Last note", error.Message, StringComparison.Ordinal);
    }
}
