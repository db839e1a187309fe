using System.Text;
using System.Text.Json;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.M365.Outbox;
using BackOnTrack.Storage;

namespace BackOnTrack.IntegrationTests.Tracker;

/// <summary>Outbox mode end to end: a plan import reaches SyncTracker through the queue and the SharePoint writes land in the outbox.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class TrackerOutboxThroughTheLocalHost(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _planId = AzuriteFixture.UniqueName("semh-action-plan-");
    private TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(azurite, new DateOnly(2019, 10, 1));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task APlanImportWritesOneUpsertPerActionToTheSharePointOutboxAndPullingEditsSaysThereIsNothingToRead()
    {
        var text = (await File.ReadAllTextAsync(Fixtures.Path(Path.Combine("Plans", "semh-action-plan.csv")), Encoding.Latin1))
            .Replace("Strategy: Action Plan", "Strategy: Action Plan " + _planId, StringComparison.Ordinal);
        await _hub.Storage.UploadAsync(HubStorageNames.Containers.Plans, _planId + ".csv", Encoding.Latin1.GetBytes(text));
        await _hub.SendBlobCreatedAsync(_planId + ".csv", HubStorageNames.Containers.Plans);

        var report = await _hub.RunOnceAsync();

        Assert.True(report.AllSucceeded);
        var outbox = new OutboxStore(_hub.Tables(), _hub.Clock);
        var mine = (await outbox.ListAsync(OutboxChannels.SharePoint, default)).Where(e => e.ActionKey?.StartsWith(_planId + "/", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(38, mine.Count);
        Assert.All(mine, e => Assert.Equal(OutboxKinds.Upsert, e.Kind));
        using var payload = JsonDocument.Parse(Assert.Single(mine, e => e.ActionKey == _planId + "/1.1").Payload);
        Assert.Equal(("tracker", "Complete"), (payload.RootElement.GetProperty("list").GetString(), payload.RootElement.GetProperty("fields").GetProperty("Status").GetString()));
        Assert.Contains(_hub.Logs.Lines, l => l.Contains("Outbox mode: there is no SharePoint tracker", StringComparison.Ordinal));

        // Run again: nothing changed, nothing more in the outbox.
        Assert.True((await _hub.RunOnceAsync()).AllSucceeded);
        Assert.Equal(38, (await outbox.ListAsync(OutboxChannels.SharePoint, default)).Count(e => e.ActionKey?.StartsWith(_planId + "/", StringComparison.Ordinal) == true));
    }
}
