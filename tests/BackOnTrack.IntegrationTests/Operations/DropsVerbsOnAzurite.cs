using Microsoft.Extensions.Hosting;
using BackOnTrack.Core.Drops;
using BackOnTrack.Cli.Operations;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;

namespace BackOnTrack.IntegrationTests.Operations;

/// <summary><c>drops list|reprocess|withdraw</c> and <c>returns</c> on a school's drops ingested by the hub.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class DropsVerbsOnAzurite(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _school = AzuriteFixture.UniqueSchool();
    private TestHub _hub = null!;
    private DataDrop _drop = null!;

    private Action<Microsoft.Extensions.Hosting.HostApplicationBuilder> Settings => OperationsSettings.Configure(azurite.ConnectionString);

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(azurite, new DateOnly(2025, 9, 1));
        await _hub.UploadFixtureAsync("exclusions-2024-25.csv", $"{_school}/exclusions.csv");
        await _hub.SendBlobCreatedAsync($"{_school}/exclusions.csv");
        Assert.True((await _hub.RunOnceAsync(withTimers: false)).AllSucceeded);
        _drop = Assert.Single(await new DataDropStore(_hub.Storage.TableService).ListAsync(_school, CancellationToken.None));
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private Task<List<Azure.Data.Tables.TableEntity>> RowsAsync() =>
        TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.Exclusions, $"{_school}_2024-25");

    private async Task<DropStatus> StatusAsync() => (await new DataDropStore(_hub.Storage.TableService).GetAsync(_school, _drop.DropId, CancellationToken.None))!.Status;

    [Fact]
    public async Task ListsTheSchoolsDropsWithStatusKindAndRows()
    {
        using var output = new StringWriter();

        Assert.Equal(0, await DropsCommand.ListAsync(_school, output, Settings, CancellationToken.None));
        var line = Assert.Single(output.ToString().Split('\n'), l => l.StartsWith(_drop.DropId[..12], StringComparison.Ordinal));
        Assert.Contains("Exclusions", line, StringComparison.Ordinal);
        Assert.Contains("Processed", line, StringComparison.Ordinal);
        Assert.Contains($"{_school}/exclusions.csv", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithdrawingRemovesTheRowsMarksTheDropAndAsksForItsMetrics()
    {
        using var output = new StringWriter();

        Assert.Equal(0, await DropsCommand.WithdrawAsync(_school, _drop.DropId[..12], "officer", "sent to the wrong LA", output, Settings, CancellationToken.None));

        Assert.Contains("6 rows removed, 1 metrics recompute(s) requested", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync());
        Assert.Equal(DropStatus.Withdrawn, await StatusAsync());
        Assert.True((await _hub.RunOnceAsync(withTimers: false)).AllSucceeded);
        var figures = await new MetricsStore(_hub.Storage.TableService).ReadAsync(_school, "2024-25", CancellationToken.None);
        Assert.Equal(0, Assert.Single(figures, f => f.Period == "YEAR" && f.Breakdown == "All").Values.Susp);
        using var again = new StringWriter();
        Assert.Equal(0, await DropsCommand.WithdrawAsync(_school, _drop.DropId, "officer", "", again, Settings, CancellationToken.None));
        Assert.Contains("already withdrawn", again.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReprocessingRunsTheDropAgainAndReinstatesAWithdrawnOne()
    {
        using var output = new StringWriter();
        await DropsCommand.WithdrawAsync(_school, _drop.DropId, "officer", "", output, Settings, CancellationToken.None);

        Assert.Equal(0, await DropsCommand.ReprocessAsync(_school, _drop.DropId[..16], "officer", output, Settings, CancellationToken.None));

        Assert.Contains("Processed, 6 of 6 rows stored", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(6, (await RowsAsync()).Count);
        Assert.Equal(DropStatus.Processed, await StatusAsync());
    }

    [Fact]
    public async Task SaysSoWhenRetentionDeletedTheRawFile()
    {
        await _hub.Storage.Blob(HubStorageNames.Containers.Drops, $"{_school}/exclusions.csv").DeleteIfExistsAsync();
        using var output = new StringWriter();

        Assert.Equal(1, await DropsCommand.ReprocessAsync(_school, _drop.DropId, "officer", output, Settings, CancellationToken.None));

        Assert.Contains("no longer exists", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(6, (await RowsAsync()).Count);
        Assert.Equal(DropStatus.Processed, await StatusAsync());
    }

    [Fact]
    public async Task TheReturnsTrackerShowsTheSchoolsDropThisTerm()
    {
        using var output = new StringWriter();

        Assert.Equal(0, await ReturnsCommand.RunAsync(null, null, null, output, Settings, CancellationToken.None));

        var line = Assert.Single(output.ToString().Split('\n'), l => l.StartsWith(_school, StringComparison.Ordinal));
        Assert.Contains($"Processed {DateTime.UtcNow:yyyy-MM-dd}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("no accepted drop", line, StringComparison.Ordinal);
    }
}
