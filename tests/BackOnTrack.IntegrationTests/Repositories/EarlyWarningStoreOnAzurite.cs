using BackOnTrack.Core.Ports;
using Azure.Data.Tables;
using BackOnTrack.Tests.Storage;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;

namespace BackOnTrack.IntegrationTests.Repositories;

[Collection(AzuriteGroup.Name)]
public sealed class EarlyWarningStoreOnAzurite(AzuriteFixture azurite) : IAsyncLifetime
{
    // The rows are read back through a client of their own: what it sees is what another reader of the table sees.
    private readonly TableServiceClient _tables = azurite.Tables();
    private readonly TableServiceClient _sdkTables = azurite.Storage.TableService;
    private readonly Laestab _school = Laestab.Parse(AzuriteFixture.UniqueSchool());
    private static readonly DateTimeOffset Monday = new(2025, 3, 10, 5, 0, 0, TimeSpan.Zero);
    private static readonly string Pupil = new('a', 32);

    private static EarlyWarningFlag Flag(string pupil = "") => new(
        pupil == "" ? Pupil : pupil,
        true,
        [
            new ReasonEvidence(EarlyWarningReason.RepeatSuspensions, Count: 2, First: new DateOnly(2025, 1, 13), Last: new DateOnly(2025, 2, 3)),
            new ReasonEvidence(EarlyWarningReason.PersistentAbsence, Count: 14, Percent: 12.5m, Sessions: 112),
        ],
        "9",
        "Nurture-2024",
        EarlyWarningStatus.New,
        Monday,
        Monday,
        new DateOnly(2025, 3, 10));

    private static PupilKey KeyOf(string text) => PupilKey.TryParse(text, out var key) ? key : throw new ArgumentException(text);

    public async Task InitializeAsync() => await StorageProvisioning.EnsureCreatedAsync(azurite.Access, CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AFlagWrittenIsReadBackWithItsReasonsAndEvidence()
    {
        var store = new EarlyWarningStore(_sdkTables);

        Assert.Equal(EarlyWarningWriteResult.Written, await store.WriteAsync(_school, [new EarlyWarningWrite(Pupil, Flag(), null)], CancellationToken.None));

        var read = Assert.Single(await store.ReadSchoolAsync(_school, CancellationToken.None));
        Assert.True(read.Flag.SameAs(Flag()));
    }

    [Fact]
    public async Task TheRowHoldsTheContractColumnsAndNoUpn()
    {
        await new EarlyWarningStore(_sdkTables).WriteAsync(_school, [new EarlyWarningWrite(Pupil, Flag(), null)], CancellationToken.None);

        var row = await _tables.GetOrNullAsync(HubStorageNames.Tables.EarlyWarnings, _school.Value, Pupil);
        Assert.NotNull(row);
        Assert.Equal(true, row.GetBoolean("Flagged"));
        Assert.Equal("[\"RepeatSuspensions\",\"PersistentAbsence\"]", row.GetString("Reasons"));
        Assert.Equal(
            "{\"RepeatSuspensions\":{\"count\":2,\"first\":\"2025-01-13\",\"last\":\"2025-02-03\"},\"PersistentAbsence\":{\"count\":14,\"percent\":12.5,\"sessions\":112}}",
            row.GetString("Evidence"));
        Assert.Equal("New", row.GetString("Status"));
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero), row.GetDateTimeOffset("AsOf"));
        Assert.Equal("Nurture-2024", row.GetString("Cohort"));
    }

    [Fact]
    public async Task AWriteOverARowChangedSinceItWasReadIsAConflict()
    {
        var store = new EarlyWarningStore(_sdkTables);
        await store.WriteAsync(_school, [new EarlyWarningWrite(Pupil, Flag(), null)], CancellationToken.None);
        var read = Assert.Single(await store.ReadSchoolAsync(_school, CancellationToken.None));
        var continuing = Flag() with { Status = EarlyWarningStatus.Continuing, AsOf = new DateOnly(2025, 3, 17) };
        Assert.Equal(EarlyWarningWriteResult.Written, await store.WriteAsync(_school, [new EarlyWarningWrite(Pupil, continuing, read.ETag)], CancellationToken.None));

        var stale = await store.WriteAsync(_school, [new EarlyWarningWrite(Pupil, Flag() with { Status = EarlyWarningStatus.Cleared }, read.ETag)], CancellationToken.None);

        Assert.Equal(EarlyWarningWriteResult.Conflict, stale);
        Assert.Equal(EarlyWarningStatus.Continuing, Assert.Single(await store.ReadSchoolAsync(_school, CancellationToken.None)).Flag.Status);
    }

    [Fact]
    public async Task AddingARowAnotherRecomputeAddedFirstIsAConflict()
    {
        var store = new EarlyWarningStore(_sdkTables);
        await store.WriteAsync(_school, [new EarlyWarningWrite(Pupil, Flag(), null)], CancellationToken.None);

        Assert.Equal(EarlyWarningWriteResult.Conflict, await store.WriteAsync(_school, [new EarlyWarningWrite(Pupil, Flag(), null)], CancellationToken.None));
    }

    [Fact]
    public async Task ErasureRemovesThePupilsRowsAtEverySchoolAndNoOneElses()
    {
        var store = new EarlyWarningStore(_sdkTables);
        var other = Laestab.Parse(AzuriteFixture.UniqueSchool());
        // A key of this test's own: erasure looks across every school, including other tests'.
        var erased = Guid.NewGuid().ToString("N");
        await store.WriteAsync(_school, [new EarlyWarningWrite(erased, Flag(erased), null), new EarlyWarningWrite(Pupil, Flag(), null)], CancellationToken.None);
        await store.WriteAsync(other, [new EarlyWarningWrite(erased, Flag(erased), null)], CancellationToken.None);

        Assert.Equal(2, await store.DeletePupilAsync(KeyOf(erased), CancellationToken.None));

        Assert.Equal([Pupil], (await store.ReadSchoolAsync(_school, CancellationToken.None)).Select(r => r.Flag.PupilKey));
        Assert.Empty(await store.ReadSchoolAsync(other, CancellationToken.None));
    }

    [Fact]
    public async Task ADeleteWithTheETagReadRemovesTheRow()
    {
        var store = new EarlyWarningStore(_sdkTables);
        await store.WriteAsync(_school, [new EarlyWarningWrite(Pupil, Flag(), null)], CancellationToken.None);
        var read = Assert.Single(await store.ReadSchoolAsync(_school, CancellationToken.None));

        Assert.Equal(EarlyWarningWriteResult.Written, await store.WriteAsync(_school, [new EarlyWarningWrite(Pupil, null, read.ETag)], CancellationToken.None));

        Assert.Empty(await store.ReadSchoolAsync(_school, CancellationToken.None));
    }
}
