using System.Globalization;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Functions.UseCases.Metrics;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Storage.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.Metrics;

[Collection(AzuriteGroup.Name)]
public sealed class ConcurrentRecomputes(AzuriteFixture azurite)
{
    private const int Schools = 8;

    [Fact]
    public async Task ConcurrentRecomputesOfDifferentSchoolsNeverLoseAnUpdateToTheLaRollUp()
    {
        // A year of its own, so no other test's rows are summed in.
        var year = AcademicYear.StartingIn(2030 + Random.Shared.Next(0, 60));
        await using var hub = await InProcessHub.StartAsync(azurite, new DateOnly(year.StartYear + 1, 9, 1));
        var tables = hub.Storage.Tables;
        var schools = Enumerable.Range(1, Schools).Select(i => Laestab.Parse(string.Create(CultureInfo.InvariantCulture, $"373{i:D4}"))).ToList();
        for (var i = 0; i < Schools; i++)
        {
            await tables.UpsertEntityAsync(HubStorageNames.Tables.Schools, new TableEntity(year.ToString(), schools[i].Value) { ["Phase"] = "Secondary", ["Headcount"] = 100 });
            for (var s = 0; s <= i; s++)
            {
                await tables.UpsertEntityAsync(HubStorageNames.Tables.Exclusions, new TableEntity(IngestEntities.SchoolYearPartition(schools[i], year), $"pupil{s}_{year.StartYear}1104_FIXD")
                {
                    ["PupilKey"] = $"pupil{s}",
                    ["Category"] = "FIXD",
                    ["StartDate"] = new DateTimeOffset(year.StartYear, 11, 4, 0, 0, 0, TimeSpan.Zero),
                    ["Sessions"] = 2,
                    ["NcYear"] = "9",
                    ["Withdrawn"] = false,
                });
            }
        }

        var recompute = hub.Services.GetRequiredService<RecomputeMetricsUseCase>();
        await Task.WhenAll(schools.Select(school => Task.Run(() => recompute.RecomputeAsync(school.Value, year, CancellationToken.None))));

        var la = Assert.Single(await new MetricsStore(tables).ReadAsync(DropLocation.LaScope, year.ToString(), CancellationToken.None), r => r.Period == "YEAR" && r.Breakdown == SchoolMetrics.All).Values;
        Assert.Equal(Schools * (Schools + 1) / 2, la.Susp);
        Assert.Equal(Schools * 100, la.Headcount);
        Assert.True(hub.Logs.Lines.Any(l => l.Contains("computing again", StringComparison.Ordinal)), "No recompute ever lost a race: the test did not exercise concurrency.");
    }
}
