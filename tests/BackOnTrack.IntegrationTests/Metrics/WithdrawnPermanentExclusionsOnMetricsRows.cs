using Azure.Data.Tables;
using BackOnTrack.Application.Metrics;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.Metrics;

[Collection(AzuriteGroup.Name)]
public sealed class WithdrawnPermanentExclusionsOnMetricsRows(AzuriteFixture azurite)
{
    [Fact]
    public async Task AWithdrawnPermanentExclusionIsKeptApartOnTheSchoolAndLaRowsAndReadBackFromTheTable()
    {
        var year = AcademicYear.StartingIn(2200 + Random.Shared.Next(0, 60));
        await using var hub = await TestHub.StartAsync(azurite, new DateOnly(year.StartYear + 1, 9, 1));
        var tables = hub.Tables();
        var school = Laestab.Parse(AzuriteFixture.UniqueSchool());
        await tables.UpsertAsync(HubStorageNames.Tables.Schools, new TableEntity(year.ToString(), school.Value) { ["Phase"] = "Secondary", ["Headcount"] = 600 });
        await AddPermanentExclusionAsync(tables, school, year, "pupilA", withdrawn: false);
        await AddPermanentExclusionAsync(tables, school, year, "pupilB", withdrawn: true);
        await AddPermanentExclusionAsync(tables, school, year, "pupilC", withdrawn: true);

        await hub.Services.GetRequiredService<RecomputeMetricsUseCase>().RecomputeAsync(school.Value, year, CancellationToken.None);

        var store = new MetricsStore(hub.Storage.TableService);
        foreach (var scope in new[] { school.Value, DropLocation.LaScope })
        {
            var all = Assert.Single(await store.ReadAsync(scope, year.ToString(), CancellationToken.None), r => r.Period == "YEAR" && r.Breakdown == SchoolMetrics.All).Values;
            Assert.Equal(1, all.PermExcl);
            Assert.Equal(2, all.WithdrawnPermExcl);
        }

        var stored = await tables.GetOrNullAsync(HubStorageNames.Tables.Metrics, DropLocation.LaScope, $"{year}_YEAR_{SchoolMetrics.All}");
        Assert.Equal(2, stored?.GetInt32("WithdrawnPermExcl"));
    }

    private static async Task AddPermanentExclusionAsync(TableServiceClient tables, Laestab school, AcademicYear year, string pupil, bool withdrawn) =>
        await tables.UpsertAsync(HubStorageNames.Tables.Exclusions, new TableEntity(IngestEntities.SchoolYearPartition(school, year), $"{pupil}_{year.StartYear}1015_PERM")
        {
            ["PupilKey"] = pupil,
            ["Category"] = "PERM",
            ["StartDate"] = new DateTimeOffset(year.StartYear, 10, 15, 0, 0, 0, TimeSpan.Zero),
            ["Sessions"] = 0,
            ["NcYear"] = "10",
            ["Withdrawn"] = withdrawn,
        });
}
