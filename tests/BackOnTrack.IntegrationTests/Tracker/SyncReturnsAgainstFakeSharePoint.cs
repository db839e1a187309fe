using Azure.Data.Tables;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Tracker;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Operations;
using BackOnTrack.Application.Tracker;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.M365;
using BackOnTrack.M365.Graph;
using BackOnTrack.M365.Outbox;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.UnitTests.M365;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.IntegrationTests.Tracker;

/// <summary>
/// The current term's returns pushed to the returns list of a fake SharePoint, the register and drop registry on
/// Azurite. Each test has an academic year of its own (its register is the latest not after it, and no other test's
/// drop is received in it), so what other tests left in the shared tables stays out of its term.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class SyncReturnsAgainstFakeSharePoint(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly AcademicYear _year = AcademicYear.StartingIn(2200 + Random.Shared.Next(7000));
    private readonly string[] _schools = [AzuriteFixture.UniqueSchool(), AzuriteFixture.UniqueSchool(), AzuriteFixture.UniqueSchool()];
    private FakeClock _clock = null!;
    private FakeSharePointServer _sharePoint = null!;
    private string _returnsId = null!;
    private DataDropStore _drops = null!;
    private TrackerSyncs _sync = null!;

    public async Task InitializeAsync()
    {
        foreach (var table in HubStorageNames.Tables.All)
        {
            await azurite.Tables().CreateTableIfNotExistsAsync(table);
        }

        // Mid-November of the test's year: the autumn term.
        _clock = new FakeClock(new DateTimeOffset(_year.StartYear, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var tables = azurite.Tables();
        foreach (var (school, name) in _schools.Zip(["Maple Primary", "Oak Academy", "Willow Junior"]))
        {
            await tables.UpsertAsync(HubStorageNames.Tables.Schools, new TableEntity(_year.ToString(), school) { ["Name"] = name, ["Phase"] = "Primary" });
        }

        _sharePoint = await FakeSharePointServer.StartAsync(_clock.GetUtcNow);
        _returnsId = _sharePoint.AddList(TrackerLists.Returns.DisplayName, TrackerLists.ReturnId, TrackerLists.Returns.Columns.Select(c => (c.Name, c.DisplayName, c.Choices)));
        var options = new M365Options
        {
            Mode = M365Mode.Graph,
            GraphBaseUrl = _sharePoint.GraphBaseUrl,
            SiteId = FakeSharePointServer.SiteId,
            ReturnsListId = _returnsId,
            MaxRetries = 3,
        };
        var tracker = new GraphSharePointTracker(HubClients.Graph(options, new StaticTokenCredential(), _clock), options, _clock, NullLogger<GraphSharePointTracker>.Instance);
        _drops = new DataDropStore(azurite.Storage.TableService);
        _sync = NewSync(tracker);
    }

    public async Task DisposeAsync() => await _sharePoint.DisposeAsync();

    private TrackerSyncs NewSync(ISharePointTracker tracker) => TrackerSyncComposition.Sync(azurite.Storage.TableService, tracker, _clock);

    private async Task DropAsync(string school, string kind, DropStatus status, int day)
    {
        var received = new DateTimeOffset(_year.StartYear, 11, day, 10, 30, 0, TimeSpan.Zero);
        await _drops.SaveAsync(
            new DataDrop
            {
                Scope = school,
                DropId = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
                BlobName = $"{school}/{kind.ToLowerInvariant()}.csv",
                Status = status,
                Kind = kind,
                ReceivedAt = received,
                ProcessedAt = received.AddMinutes(2),
                RowsAccepted = status == DropStatus.Processed ? 40 : 0,
            },
            default);
    }

    private Task<TrackerSyncResult> SyncAsync() => _clock.DriveAsync(_sync.Returns.SyncAsync(default));

    private string ReturnId(string school) => ReturnRows.ReturnId(school, _year, Period.Autumn);

    [Fact]
    public async Task AFirstSyncCreatesOneItemPerSchoolOfTheRegisterForTheTerm()
    {
        await DropAsync(_schools[0], "Exclusions", DropStatus.Processed, 3);

        var result = await SyncAsync();

        Assert.Equal((3, 3), (result.Items, result.Written));
        Assert.Equal(_schools.Select(ReturnId).Order(StringComparer.Ordinal), _sharePoint.Items(_returnsId).Select(i => i["ReturnId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var maple = _sharePoint.Item(_returnsId, ReturnId(_schools[0]));
        Assert.Equal(($"Processed {_year.StartYear}-11-03", "Maple Primary", "AUT", false), (maple["Exclusions"]!.GetValue<string>(), maple["SchoolName"]!.GetValue<string>(), maple["Term"]!.GetValue<string>(), maple["Missing"]!.GetValue<bool>()));
        Assert.True(_sharePoint.Item(_returnsId, ReturnId(_schools[1]))["Missing"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ASecondSyncWithNothingChangedWritesNothing()
    {
        await SyncAsync();
        var (writes, batches) = (_sharePoint.Writes.Count, _sharePoint.BatchRequests);

        var result = await SyncAsync();

        Assert.Equal((3, 0, 3), (result.Items, result.Written, result.Unchanged));
        Assert.Equal((writes, batches), (_sharePoint.Writes.Count, _sharePoint.BatchRequests));
    }

    [Fact]
    public async Task ANewDropChangesOnlyThatSchoolsItem()
    {
        await SyncAsync();
        var writes = _sharePoint.Writes.Count;
        await DropAsync(_schools[1], "AttendanceMarks", DropStatus.Rejected, 12);

        var result = await SyncAsync();

        Assert.Equal(1, result.Written);
        var update = Assert.Single(_sharePoint.Writes.Skip(writes));
        Assert.Equal("PATCH", update.Method);
        var oak = _sharePoint.Item(_returnsId, ReturnId(_schools[1]));
        Assert.Equal(($"Rejected {_year.StartYear}-11-12", true), (oak["AttendanceMarks"]!.GetValue<string>(), oak["Missing"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task OutboxModeRecordsOneUpsertPerSchoolForTheReturnsList()
    {
        await DropAsync(_schools[2], "AttendanceSummary", DropStatus.Processed, 5);
        var outbox = new OutboxStore(azurite.Tables(), _clock);
        var sync = NewSync(new OutboxSharePointTracker(outbox));

        var result = await sync.Returns.SyncAsync(default);

        Assert.Equal(3, result.Written);
        var mine = (await outbox.ListAsync(OutboxChannels.SharePoint, default)).Where(e => e.ActionKey is { } key && _schools.Select(ReturnId).Contains(key)).ToList();
        Assert.Equal(3, mine.Count);
        Assert.All(mine, e => Assert.Equal(OutboxKinds.Upsert, e.Kind));
        using var payload = System.Text.Json.JsonDocument.Parse(Assert.Single(mine, e => e.ActionKey == ReturnId(_schools[2])).Payload);
        Assert.Equal(("returns", "false"), (payload.RootElement.GetProperty("list").GetString(), payload.RootElement.GetProperty("fields").GetProperty("Missing").GetString()));
        Assert.Empty(_sharePoint.Writes);
    }
}
