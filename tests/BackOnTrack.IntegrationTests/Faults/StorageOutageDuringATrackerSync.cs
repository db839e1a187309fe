using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Tabular;
using BackOnTrack.Core.Tracker;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Operations;
using BackOnTrack.Application.Tracker;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.M365;
using BackOnTrack.M365.Graph;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Tests.Processes;
using BackOnTrack.UnitTests.M365;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.IntegrationTests.Faults;

/// <summary>
/// Storage goes down at the worst moment of a tracker sync: SharePoint has created the items of a batch, the hub has
/// not yet recorded their ids. The sync fails; once storage is back the redelivered sync must find those items rather
/// than create them again, so the list ends exactly as after an undisturbed sync.
/// </summary>
public sealed class StorageOutageDuringATrackerSync
{
    private const string PlanId = "semh-action-plan";

    [Fact]
    public async Task TheListAfterAnOutageBetweenSharePointsWriteAndTheHubsRecordEqualsAnUndisturbedSyncs()
    {
        using var calm = FreshAzurite.Start();
        var undisturbed = await SyncAsync(calm.ConnectionString, outage: null);

        using var flaky = RestartableAzurite.Start();
        var disturbed = await SyncAsync(flaky.ConnectionString, outage: flaky);

        Assert.True(disturbed.FirstAttemptFailed, "Storage went down but the first sync did not fail.");
        Assert.Equal(38, undisturbed.Items.Count);
        Assert.Equal(undisturbed.Items, disturbed.Items);
    }

    private sealed record Outcome(List<string> Items, bool FirstAttemptFailed);

    private static async Task<Outcome> SyncAsync(string connectionString, RestartableAzurite? outage)
    {
        var clock = new FakeClock(new DateTimeOffset(2019, 10, 1, 8, 0, 0, TimeSpan.Zero));
        var tables = StorageSdkClients.Tables(StorageAccess.FromConnectionString(connectionString), new StorageClientOptions { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(200) });
        await StorageProvisioning.EnsureCreatedAsync(StorageAccess.FromConnectionString(connectionString), CancellationToken.None);
        await using var sharePoint = await FakeSharePointServer.StartAsync(clock.GetUtcNow);
        var trackerId = sharePoint.AddList(TrackerLists.Actions.DisplayName, TrackerLists.ActionId, TrackerLists.Actions.Columns.Select(c => (c.Name, c.DisplayName, c.Choices)));
        var figuresId = sharePoint.AddList(TrackerLists.Figures.DisplayName, TrackerLists.FigureId, TrackerLists.Figures.Columns.Select(c => (c.Name, c.DisplayName, c.Choices)));
        var options = new M365Options { Mode = M365Mode.Graph, GraphBaseUrl = sharePoint.GraphBaseUrl, SiteId = FakeSharePointServer.SiteId, TrackerListId = trackerId, FiguresListId = figuresId, MaxRetries = 3 };
        var tracker = new GraphSharePointTracker(HubClients.Graph(options, new StaticTokenCredential(), clock), options, clock, NullLogger<GraphSharePointTracker>.Instance);
        var plans = new ActionPlanStore(tables);
        var sync = TrackerSyncComposition.Sync(tables, tracker, clock);

        var text = await File.ReadAllTextAsync(Fixtures.Path(Path.Combine("Plans", "semh-action-plan.csv")), System.Text.Encoding.Latin1);
        using var content = new MemoryStream(System.Text.Encoding.Latin1.GetBytes(text));
        var plan = ActionPlanReader.Read(TabularFile.Open(content, "semh-action-plan.csv").Rows, new OwnerResolver([]));
        await plans.ApplyAsync(PlanId, PlanChanges.Compute([], plan.Actions), "plans/semh-action-plan.csv", clock.GetUtcNow(), clock.GetUtcNow(), default);

        var failed = false;
        if (outage is not null)
        {
            // The first batch lands in SharePoint; storage is gone before the hub can record the new items' ids.
            sharePoint.AfterBatchApplied = () =>
            {
                sharePoint.AfterBatchApplied = null;
                outage.Stop();
            };
            try
            {
                await clock.DriveAsync(sync.Actions.SyncAsync(PlanId, default));
            }
            catch (Azure.RequestFailedException)
            {
                failed = true;
            }
            catch (HttpRequestException)
            {
                failed = true;
            }
            catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is Azure.RequestFailedException))
            {
                // The SDK's retry, when every try failed to reach storage, throws the tries' failures together.
                failed = true;
            }

            outage.Resume();
        }

        // The host redelivers the tracker-sync message.
        await clock.DriveAsync(sync.Actions.SyncAsync(PlanId, default));
        var items = sharePoint.Items(trackerId)
            .Select(i => string.Join(";", i.Where(f => f.Key is not ("id" or "UpdatedAt" or "Modified" or "Created" or "@odata.etag")).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value?.ToJsonString()}")))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new Outcome(items, failed);
    }
}
