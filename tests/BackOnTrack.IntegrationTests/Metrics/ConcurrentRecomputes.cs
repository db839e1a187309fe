using BackOnTrack.Tests.Storage;
using System.Globalization;
using Azure.Data.Tables;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Application.Metrics;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
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
        await using var hub = await TestHub.StartAsync(azurite, new DateOnly(year.StartYear + 1, 9, 1));
        var tables = hub.Tables();
        var schools = Enumerable.Range(1, Schools).Select(i => Laestab.Parse(string.Create(CultureInfo.InvariantCulture, $"373{i:D4}"))).ToList();
        for (var i = 0; i < Schools; i++)
        {
            await tables.UpsertAsync(HubStorageNames.Tables.Schools, new TableEntity(year.ToString(), schools[i].Value) { ["Phase"] = "Secondary", ["Headcount"] = 100 });
            for (var s = 0; s <= i; s++)
            {
                await tables.UpsertAsync(HubStorageNames.Tables.Exclusions, new TableEntity(IngestEntities.SchoolYearPartition(schools[i], year), $"pupil{s}_{year.StartYear}1104_FIXD")
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

        var la = Assert.Single(await new MetricsStore(hub.Storage.TableService).ReadAsync(DropLocation.LaScope, year.ToString(), CancellationToken.None), r => r.Period == "YEAR" && r.Breakdown == SchoolMetrics.All).Values;
        Assert.Equal(Schools * (Schools + 1) / 2, la.Susp);
        Assert.Equal(Schools * 100, la.Headcount);
        Assert.True(hub.Logs.Lines.Any(l => l.Contains("computing again", StringComparison.Ordinal)), "No recompute ever lost a race: the test did not exercise concurrency.");
    }

    [Fact]
    public async Task ARecomputeAsksTrackerSyncForTheFiguresItChangedAndARepeatAsksForNothing()
    {
        var year = AcademicYear.StartingIn(2100 + Random.Shared.Next(0, 60));
        await using var hub = await TestHub.StartAsync(azurite, new DateOnly(year.StartYear + 1, 9, 1));
        var school = Laestab.Parse(AzuriteFixture.UniqueSchool());
        await hub.Tables().UpsertAsync(HubStorageNames.Tables.Schools, new TableEntity(year.ToString(), school.Value) { ["Phase"] = "Primary", ["Headcount"] = 90 });
        var recompute = hub.Services.GetRequiredService<RecomputeMetricsUseCase>();

        var first = await recompute.RecomputeAsync(school.Value, year, CancellationToken.None);
        var second = await recompute.RecomputeAsync(school.Value, year, CancellationToken.None);

        Assert.Equal([school.Value, DropLocation.LaScope], first.ScopesChanged);
        Assert.Empty(second.ScopesChanged);
        var requests = await TrackerSyncRequestsForAsync(hub.Storage, year);
        string[] expected = [$$"""{"figures":"{{school.Value}}","academicYear":"{{year}}"}""", $$"""{"figures":"LA","academicYear":"{{year}}"}"""];
        Assert.Equal(expected.Order(StringComparer.Ordinal), requests.Order(StringComparer.Ordinal));
    }

    /// <summary>Every tracker-sync message about a year, read off the whole queue (nothing consumes it in these tests).</summary>
    private static async Task<List<string>> TrackerSyncRequestsForAsync(TestStorage storage, AcademicYear year)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var batch = await storage.ReceiveAsync(HubStorageNames.Queues.TrackerSync, 32, TimeSpan.FromSeconds(30));
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                seen[message.MessageId] = message.Body;
            }
        }

        return [.. seen.Values.Where(body => body.Contains($"\"{year}\"", StringComparison.Ordinal))];
    }
}
