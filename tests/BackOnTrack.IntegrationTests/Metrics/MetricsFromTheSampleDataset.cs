using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Cli.LocalRun;
using BackOnTrack.Cli.SampleData;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;

namespace BackOnTrack.IntegrationTests.Metrics;

/// <summary>
/// The generated dataset knows its own totals (from the records it generated, not from the files). Ingested and
/// recomputed through the local host, the Metrics rows must equal them exactly, whichever arrives first: the schools
/// register or the schools' files. Each order uses its own academic year, so the two never share a row.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class MetricsFromTheSampleDataset(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("2026-09-01", true)]
    [InlineData("2027-09-01", false)]
    public async Task MetricsEqualTheDatasetsKnownTotalsInEitherUploadOrder(string asOfText, bool registerFirst)
    {
        var asOf = DateOnly.Parse(asOfText, System.Globalization.CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("backontrack-metrics-").FullName;
        try
        {
            var dataset = SampleDatasetGenerator.Generate(folder, asOf);
            await using var hub = await TestHub.StartAsync(azurite, asOf);
            var la = Path.Combine(folder, "la");
            var laFiles = Directory.CreateTempSubdirectory("backontrack-la-").FullName;
            Directory.Move(la, Path.Combine(laFiles, "la"));
            string[] order = registerFirst ? [laFiles, folder] : [folder, laFiles];
            foreach (var part in order)
            {
                await DropUploads.UploadFolderAsync(hub.Storage.BlobService, part, CancellationToken.None);
                Assert.True((await hub.RunOnceAsync(withTimers: true)).AllSucceeded);
            }

            Directory.Delete(laFiles, recursive: true);
            var metrics = new MetricsStore(hub.Storage.TableService);
            var year = dataset.AcademicYear.ToString();
            foreach (var truth in dataset.Truth)
            {
                var row = Assert.Single(await metrics.ReadAsync(truth.Scope, year, CancellationToken.None), r => r.Period == "YEAR" && r.Breakdown == truth.Breakdown).Values;
                Assert.Equal(
                    (truth.Scope, truth.Breakdown, truth.Headcount, truth.PermanentExclusions, truth.Suspensions, truth.PupilsWithOneOrMoreSuspensions, truth.SuspensionSessions),
                    (truth.Scope, truth.Breakdown, row.Headcount, row.PermExcl, row.Susp, row.OnePlusSusp, row.SuspSessions));
                Assert.Equal(
                    (truth.Scope, truth.Breakdown, truth.Enrolments, (long)truth.PossibleSessions, (long)truth.AuthorisedAbsenceSessions, (long)truth.UnauthorisedAbsenceSessions),
                    (truth.Scope, truth.Breakdown, row.Enrolments, row.PossibleSessions, row.AuthorisedSessions, row.UnauthorisedSessions));
            }

            // The cohort list names pupils of every school; its outcomes cover each school with members, and the LA.
            var members = await TableSnapshots.EntitiesAsync(hub.Tables(), HubStorageNames.Tables.Cohorts, "Back-on-Track");
            var outcomes = await new CohortOutcomeStore(hub.Storage.TableService).ReadAsync("Back-on-Track", CancellationToken.None);
            Assert.Equal(members.Count, Assert.Single(outcomes, o => o.RowKey == DropLocation.LaScope).GetInt32("Pupils"));
            Assert.Equal(members.Count, outcomes.Where(o => o.RowKey != DropLocation.LaScope).Sum(o => o.GetInt32("Pupils")));
            Assert.Equal(members.Select(m => m.GetString("Laestab")).Distinct().Order(StringComparer.Ordinal), outcomes.Where(o => o.RowKey != DropLocation.LaScope).Select(o => o.RowKey).Order(StringComparer.Ordinal));

            var laAll = Assert.Single(await metrics.ReadAsync(DropLocation.LaScope, year, CancellationToken.None), r => r.Period == "YEAR" && r.Breakdown == SchoolMetrics.All).Values;
            Assert.Equal(100.0 * laAll.Susp / laAll.Headcount!.Value, laAll.SuspRate);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
