using BackOnTrack.Core.Drops;
using BackOnTrack.Application.Sweep;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Tests.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.Operations;

/// <summary>SweepDrops deletes pupil rows once their academic year ended more than Retention__PupilDataYears ago.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class PupilDataRetentionOnAzurite : IDisposable
{
    private readonly FreshAzurite _azurite = SecondAzurite.Start();

    public void Dispose() => _azurite.Dispose();

    private async Task<RetentionResult> SweepAsOfAsync(DateOnly asOf)
    {
        await using var hub = await TestHub.StartAsync(_azurite.ConnectionString, asOf);
        return (await hub.Services.GetRequiredService<Application.Sweep.SweepDropsUseCase>().SweepAsync(CancellationToken.None)).Retention!;
    }

    [Fact]
    public async Task KeepsRowsForSevenYearsThenDeletesThemAndExpiresTheirDrops()
    {
        await using (var hub = await TestHub.StartAsync(_azurite.ConnectionString, new DateOnly(2025, 7, 31)))
        {
            await new PupilDrops("3751111", "Nurture").UploadAndIngestAsync(hub);
        }

        var kept = await SweepAsOfAsync(new DateOnly(2032, 7, 31));
        var deleted = await SweepAsOfAsync(new DateOnly(2032, 8, 1));
        var again = await SweepAsOfAsync(new DateOnly(2032, 8, 2));

        Assert.Equal(0, kept.TotalRows);
        Assert.Equal((3, 6, 2), (deleted.RowsDeleted[HubStorageNames.Tables.Exclusions], deleted.RowsDeleted[HubStorageNames.Tables.Attendance], deleted.RowsDeleted[HubStorageNames.Tables.Cohorts]));
        Assert.Equal(4, deleted.DropsExpired);
        Assert.Equal(0, again.TotalRows);
        Assert.Empty(await AccountSnapshot.OfAsync(_azurite.Tables(), HubStorageNames.Tables.PupilRows));
        Assert.All(await new DataDropStore(_azurite.Tables()).ListAllAsync(CancellationToken.None), d => Assert.Equal(DropStatus.Expired, d.Status));
        Assert.NotEmpty(await AccountSnapshot.OfAsync(_azurite.Tables(), [HubStorageNames.Tables.Metrics]));
    }
}
