using BackOnTrack.Cli.Hosting;
using System.Globalization;
using BackOnTrack.Application.Hosting;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;

namespace BackOnTrack.IntegrationTests.Benchmarks;

/// <summary>The <c>conformance</c> verb on the DfE fixtures (both exclusion schemes, both absence schemes, daily attendance).</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ConformanceCommandOnFixtures(AzuriteFixture azurite)
{
    private static readonly string Folder = Fixtures.Path("Benchmarks");

    private async Task<(int ExitCode, string Output)> RunAsync(string folder, IProgress<ProgressStep>? progress = null)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await ConformanceCommand.RunAsync(new DirectoryInfo(folder), output, progress, builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Hub:PseudonymisationKey"] = TestHub.TestKey,
            }), CancellationToken.None);
        return (exitCode, output.ToString());
    }

    /// <summary>The table's line for a file: layout, status, read, stored, skipped, rejected, suppressed, rate-mismatch, fractional.</summary>
    private static string[] LineOf(string output, string file) =>
        Assert.Single(output.Split('\n'), l => l.StartsWith(file + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];

    [Fact]
    public async Task PrintsPerFileTheRowsReadSuppressedAndNotFollowingFromTheirCountsAndExitsZero()
    {
        var steps = new List<ProgressStep>();
        var (exitCode, output) = await RunAsync(Folder, new Recording(steps));

        // Progress: each file as its load starts (files done of all), then all done.
        var files = Directory.GetFiles(Folder, "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [.. files.Select((file, i) => new ProgressStep($"{file} (file {i + 1} of {files.Count})", i, files.Count)), new ProgressStep($"{files.Count} file(s) loaded", files.Count, files.Count)],
            steps);

        Assert.Equal(0, exitCode);
        Assert.Equal(["ExclusionsOld", "Processed", "16", "14", "1", "1", "3", "1", "1"], LineOf(output, "exclusions-old-2006-07-to-2016-17.csv"));
        Assert.Equal(["ExclusionsCurrent", "Processed", "13", "12", "1", "0", "2", "0", "0"], LineOf(output, "exclusions-current-2022-23.csv"));
        Assert.Equal(["Absence", "Processed", "4", "4", "0", "0", "2", "0", "0"], LineOf(output, "absence-2022-23.csv"));
        Assert.Equal(["Absence", "Processed", "4", "4", "0", "0", "0", "1", "0"], LineOf(output, "absence-older-2016-17.csv"));
        Assert.Equal(["DailyAttendance", "Processed", "3", "3", "0", "0", "0", "0", "0"], LineOf(output, "attendance-daily-ytd-2025-26.csv"));
        Assert.Contains("row 4 2016-17_YEAR Region_North East_Primary SuspRate: published 0.86; 1910 × 100 ÷ 223500 = 0.85459", output, StringComparison.Ordinal);
        Assert.Contains("row 14 2009-10_YEAR LA_Brent_All PermExcl: 45.9412 is not a whole number", output, StringComparison.Ordinal);
        Assert.Contains("row 17 rejected, la_name: The area has no name.", output, StringComparison.Ordinal);
        Assert.EndsWith("All 5 file(s) loaded." + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadsTheFixturesIntoBenchmarksWithTheHomeLasRanksAndGivesTheSameAnswerWhenRunAgain()
    {
        var (_, first) = await RunAsync(Folder);
        var (exitCode, second) = await RunAsync(Folder);

        Assert.Equal(0, exitCode);
        Assert.Equal(first, second);
        var rotherham = (await azurite.Tables().GetTableClient(HubStorageNames.Tables.Benchmarks).GetEntityAsync<TableEntity>("2016-17_YEAR", "LA_Rotherham_All")).Value;
        Assert.Equal((2, 4, 3, 5), (rotherham!.GetInt32("PermExclRank"), rotherham.GetInt32("PermExclRankOf"), rotherham.GetInt32("SuspRank"), rotherham.GetInt32("SuspRankOf")));
        Assert.Contains("Home LA Rotherham: ", second, StringComparison.Ordinal);
        var region = (await azurite.Tables().GetTableClient(HubStorageNames.Tables.Benchmarks).GetEntityAsync<TableEntity>("2025-26_YTD", "Region_Yorkshire and The Humber_Secondary")).Value;
        Assert.Equal(9.17, region!.GetDouble("OverallAbsenceRate")!.Value, 12);
        Assert.Equal(24.1234567890123, region.GetDouble("PersistentAbsenceRate"));
    }

    [Fact]
    public async Task ExitsNonZeroWhenAFileIsNotDfEStatistics()
    {
        var folder = Directory.CreateTempSubdirectory("backontrack-conformance-").FullName;
        try
        {
            File.Copy(Path.Combine(Folder, "absence-2022-23.csv"), Path.Combine(folder, "absence-2022-23.csv"));
            await File.WriteAllTextAsync(Path.Combine(folder, "notes.csv"), "Note,Author\nRemember the census,LA data team\n");

            var (exitCode, output) = await RunAsync(folder);

            Assert.Equal(1, exitCode);
            Assert.Equal(["-", "Rejected", "0", "0", "0", "0", "0", "0", "0"], LineOf(output, "notes.csv"));
            Assert.Equal("Processed", LineOf(output, "absence-2022-23.csv")[1]);
            Assert.EndsWith("1 of 2 file(s) did not load." + Environment.NewLine, output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class Recording(List<ProgressStep> steps) : IProgress<ProgressStep>
    {
        public void Report(ProgressStep value) => steps.Add(value);
    }
}
