using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;

namespace BackOnTrack.IntegrationTests.Plans;

/// <summary>The strategy's action plan and owners file uploaded to plans/ and imported end to end.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ImportPlanThroughTheLocalHost(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2019, 10, 1);
    private readonly string _planId = AzuriteFixture.UniqueName("semh-action-plan-");
    private TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(azurite, AsOf);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task ImportAsync(string fixture, string blobName) =>
        await UploadAndImportAsync(blobName, await File.ReadAllBytesAsync(Fixtures.Path(Path.Combine("Plans", fixture))));

    /// <summary>The seed plan, titled with this test's plan id: the same content under two names would be a duplicate.</summary>
    private async Task<string> PlanTextAsync() =>
        (await File.ReadAllTextAsync(Fixtures.Path(Path.Combine("Plans", "semh-action-plan.csv")), Encoding.Latin1))
            .Replace("Strategy: Action Plan", "Strategy: Action Plan " + _planId, StringComparison.Ordinal);

    private async Task UploadAndImportAsync(string blobName, byte[] content)
    {
        await _hub.Storage.UploadAsync(HubStorageNames.Containers.Plans, blobName, content);
        await _hub.SendBlobCreatedAsync(blobName, HubStorageNames.Containers.Plans);
        Assert.True((await _hub.RunOnceAsync(withTimers: false)).AllSucceeded);
    }

    private Task<List<TableEntity>> ActionsAsync() => TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.Actions, TableKey.Encode(_planId));

    [Fact]
    public async Task ImportsEveryActionWithItsOwnersAndReportsRepeatedIdsAndUnresolvedOwners()
    {
        await ImportAsync("semh-owners.csv", "semh-owners.csv");
        await UploadAndImportAsync(_planId + ".csv", Encoding.Latin1.GetBytes(await PlanTextAsync()));

        var actions = await ActionsAsync();
        Assert.Equal(38, actions.Count);
        var first = Assert.Single(actions, a => a.RowKey == "1.1");
        Assert.Equal((1, "Complete", "[\"RMBC Head of Inclusion\"]"), (first.GetInt32("Priority")!.Value, first.GetString("Status"), first.GetString("Owners")));
        Assert.Equal(new DateTimeOffset(2018, 10, 31, 0, 0, 0, TimeSpan.Zero), first.GetDateTimeOffset("DueDate"));
        Assert.Contains(actions, a => a.RowKey == "3.2-2");
        var drop = Assert.Single(await new DataDropStore(_hub.Storage.TableService).ListAsync("plans", CancellationToken.None), d => d.BlobName == _planId + ".csv");
        Assert.Equal(("ActionPlan", DropStatus.Processed), (drop.Kind, drop.Status));
        using var report = JsonDocument.Parse(await ReadAsync(HubStorageNames.Containers.Reports, drop.ReportBlob!));
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("reason").GetString()!).ToList();
        Assert.Contains(findings, f => f.Contains("3.2", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("Various leads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARevisedPlanChangesOnlyWhatItChangedAndKeepsAnOwnersEdit()
    {
        await ImportAsync("semh-owners.csv", "semh-owners.csv");
        await UploadAndImportAsync(_planId + ".csv", Encoding.Latin1.GetBytes(await PlanTextAsync()));
        var edited = Assert.Single(await ActionsAsync(), a => a.RowKey == "1.6");
        edited["Status"] = "Complete";
        edited["LastNote"] = "Timelines agreed with every bidder";
        await _hub.Tables().UpsertAsync(HubStorageNames.Tables.Actions, edited);

        var revised = (await PlanTextAsync())
            .Replace("1.5,Bid submission and evaluation,Complete,May 2019", "1.5,Bid submission and evaluation,Complete,June 2019", StringComparison.Ordinal);
        Assert.Contains("June 2019", revised, StringComparison.Ordinal);
        await UploadAndImportAsync(_planId + ".csv", Encoding.Latin1.GetBytes(revised));

        var actions = await ActionsAsync();
        Assert.Equal(new DateTimeOffset(2019, 6, 30, 0, 0, 0, TimeSpan.Zero), Assert.Single(actions, a => a.RowKey == "1.5").GetDateTimeOffset("DueDate"));
        var kept = Assert.Single(actions, a => a.RowKey == "1.6");
        Assert.Equal(("Complete", "Timelines agreed with every bidder"), (kept.GetString("Status"), kept.GetString("LastNote")));
        var events = await TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.ActionEvents, TableKey.Encode($"{_planId}_1.5"));
        var changes = events.Where(e => e.GetString("Field") is "TargetText" or "DueDate" && e.GetString("From") is not null).Select(e => (e.GetString("Field"), e.GetString("From"), e.GetString("To"))).OrderBy(c => c.Item1).ToList();
        Assert.Equal([("DueDate", "2019-05-31", "2019-06-30"), ("TargetText", "May 2019", "June 2019")], changes);
        var ownerEditEvents = await TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.ActionEvents, TableKey.Encode($"{_planId}_1.6"));
        Assert.DoesNotContain(ownerEditEvents, e => e.GetString("Field") == "Status" && e.GetString("To") != "InProgress");
    }

    private async Task<string> ReadAsync(string container, string blob)
    {
        using var download = await _hub.Storage.OpenReadAsync(container, blob);
        return await new StreamReader(download).ReadToEndAsync();
    }
}
