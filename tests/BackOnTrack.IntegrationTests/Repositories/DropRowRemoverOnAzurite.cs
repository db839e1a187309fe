using Azure.Data.Tables;
using BackOnTrack.Tests.Storage;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;

namespace BackOnTrack.IntegrationTests.Repositories;

[Collection(AzuriteGroup.Name)]
public sealed class DropRowRemoverOnAzurite(AzuriteFixture azurite) : IAsyncLifetime
{
    // Rows are seeded and read back through a client of their own: what it sees is what another reader of the table sees.
    private readonly TableServiceClient _tables = azurite.Tables();
    private readonly TableServiceClient _sdkTables = azurite.Storage.TableService;
    private readonly string _partition = AzuriteFixture.UniqueName("p");
    private const string OldDrop = "aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000";
    private const string NewDrop = "bbbbbbbbbbbb0000000000000000000000000000000000000000000000000000";

    public async Task InitializeAsync()
    {
        await StorageProvisioning.EnsureCreatedAsync(azurite.Access, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RemovesOnlyTheRowsTheDropWroteLast()
    {
        await _tables.UpsertAsync(HubStorageNames.Tables.Exclusions, new TableEntity(_partition, "a") { [IngestEntities.SourceDropId] = OldDrop });
        await _tables.UpsertAsync(HubStorageNames.Tables.Exclusions, new TableEntity(_partition, "b") { [IngestEntities.SourceDropId] = NewDrop });

        var removed = await new DropRowRemover(_sdkTables).RemoveAsync(OldDrop, [$"{HubStorageNames.Tables.Exclusions}|{_partition}"], CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.Null(await _tables.GetOrNullAsync(HubStorageNames.Tables.Exclusions, _partition, "a"));
        Assert.NotNull(await _tables.GetOrNullAsync(HubStorageNames.Tables.Exclusions, _partition, "b"));
    }

    [Fact]
    public async Task StripsTheDropsSessionsFromAttendanceMonthsAndDeletesMonthsLeftEmpty()
    {
        await _tables.UpsertAsync(HubStorageNames.Tables.Attendance, new TableEntity(_partition, "M_pupil1_202409")
        {
            ["S02AM"] = IngestEntities.SessionValue("/", OldDrop),
            ["S02PM"] = IngestEntities.SessionValue("I", NewDrop),
            ["NcYear"] = "8",
        });
        await _tables.UpsertAsync(HubStorageNames.Tables.Attendance, new TableEntity(_partition, "M_pupil2_202409")
        {
            ["S02AM"] = IngestEntities.SessionValue("/", OldDrop),
            ["NcYear"] = "8",
        });

        await new DropRowRemover(_sdkTables).RemoveAsync(OldDrop, [$"{HubStorageNames.Tables.Attendance}|{_partition}"], CancellationToken.None);

        var kept = await _tables.GetOrNullAsync(HubStorageNames.Tables.Attendance, _partition, "M_pupil1_202409");
        Assert.False(kept!.ContainsKey("S02AM"));
        Assert.Equal(IngestEntities.SessionValue("I", NewDrop), kept["S02PM"]);
        Assert.Null(await _tables.GetOrNullAsync(HubStorageNames.Tables.Attendance, _partition, "M_pupil2_202409"));
    }
}
