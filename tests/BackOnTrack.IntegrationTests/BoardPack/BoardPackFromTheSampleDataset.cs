using BackOnTrack.Tests.Storage;
using System.Text;
using System.Text.Json.Nodes;
using BackOnTrack.Application.BoardPack;
using BackOnTrack.Cli.LocalRun;
using BackOnTrack.Cli.SampleData;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Metrics;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.M365;
using BackOnTrack.M365.Outbox;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Tests.Processes;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace BackOnTrack.IntegrationTests.BoardPack;

/// <summary>
/// The sample dataset and DfE's exclusions file ingested through the hub, then the month's pack gathered from the
/// tables, rendered, kept in <c>reports</c> and recorded in the outbox (the default mode).
/// </summary>
public sealed class BoardPackFromTheSampleDataset
{
    // The first weekday of October 2029.
    private static readonly DateOnly AsOf = new(2029, 10, 1);

    [Fact]
    public async Task TheMonthsPackIsBuiltFromTheTablesWrittenToReportsAndTheOutboxAndReplacedWhenMadeAgain()
    {
        var folder = Directory.CreateTempSubdirectory("backontrack-boardpack-").FullName;
        try
        {
            var dataset = SampleDatasetGenerator.Generate(folder, AsOf);
            // Storage of its own: the sample's schools and file names are the ones other tests ingest, dated otherwise.
            using var storage = FreshAzurite.Start();
            await using var hub = await TestHub.StartAsync(storage.ConnectionString, AsOf);
            await DropUploads.UploadFolderAsync(hub.Storage.BlobService, folder, CancellationToken.None);
            var dfe = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "benchmarks-exclusions-2024-25.csv"));
            await hub.Storage.UploadAsync(HubStorageNames.Containers.Benchmarks, "boardpack/exclusions-2024-25.csv", dfe);
            var run = await hub.RunOnceAsync(withTimers: true);
            Assert.True(run.AllSucceeded);
            // The first weekday of the month: the monthly timer made the pack in the run, as it would in Azure.
            Assert.Equal(1, run.ByFunction["BoardPack"].Succeeded);

            var useCase = hub.Services.GetRequiredService<BoardPackUseCase>();
            var first = await useCase.PublishAsync(AsOf, CancellationToken.None);
            var again = await useCase.PublishAsync(AsOf, CancellationToken.None);

            // Every figure of this year's trend row is the LA's Metrics row.
            var year = dataset.AcademicYear;
            var table = Assert.Single(await new MetricsStore(hub.Storage.TableService).ReadAsync(DropLocation.LaScope, year.ToString(), CancellationToken.None), r => r.Period == "YEAR" && r.Breakdown == SchoolMetrics.All).Values;
            var model = BoardPackBuilder.Build(await useCase.GatherAsync(AsOf, CancellationToken.None));
            var thisYear = Assert.Single(model.Trend.Rows, r => r.Year == year);
            // Counts of 1 or 2 are shown as x, never as the number.
            Assert.Equal(table.PermExcl is 1 or 2 ? "x" : table.PermExcl.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), thisYear.Permanent[PackPhase.Total].Text);
            Assert.Equal(table.Susp, thisYear.Suspensions[PackPhase.Total].Value);
            Assert.True(table.Susp > 2, "The sample year has too few suspensions to be shown.");
            // DfE's 2024/25 file: the LA's own published figures, beside England's rate.
            var dfeYear = Assert.Single(model.Trend.Rows, r => r.Year == Core.Identifiers.AcademicYear.StartingIn(2024));
            Assert.Equal(4300, dfeYear.Suspensions[PackPhase.Total].Value);
            Assert.NotNull(dfeYear.EnglandSuspRate.Value);

            // The PDF kept in reports reads the trend table's figures, row by row.
            Assert.Equal("2029-10", first.Month);
            Assert.Equal($"reports/{BoardPackArchive.BlobName("2029-10", BoardPackUseCase.PdfName)}", first.Copies[BoardPackUseCase.PdfName]);
            var pdf = await DownloadAsync(hub.Storage, BoardPackArchive.BlobName("2029-10", BoardPackUseCase.PdfName));
            var text = PdfText(pdf);
            foreach (var row in model.Trend.Rows)
            {
                var label = row.YearToDate ? $"{row.Year} to date" : row.Source == TrendSource.Dfe ? $"{row.Year} (DfE)" : row.Year.ToString();
                Assert.Contains(string.Join(" ", [label, .. model.Trend.Phases.Select(p => row.Permanent[p].Text)]), text, StringComparison.Ordinal);
                Assert.Contains(string.Join(" ", [label, .. model.Trend.Phases.Select(p => row.Suspensions[p].Text)]), text, StringComparison.Ordinal);
            }

            var html = Encoding.UTF8.GetString(await DownloadAsync(hub.Storage, BoardPackArchive.BlobName("2029-10", BoardPackUseCase.HtmlName)));
            Assert.Contains(thisYear.Suspensions[PackPhase.Total].Text, html, StringComparison.Ordinal);
            Assert.DoesNotContain("UPN", html, StringComparison.Ordinal);

            // Outbox mode: each production (the timer's, then two on demand) is one BoardPack row naming the month's
            // copies; the copies themselves are replaced.
            var rows = (await hub.Services.GetRequiredService<OutboxStore>().ListAsync(OutboxChannels.BoardPack, CancellationToken.None)).Where(e => e.ActionKey == "2029-10").ToList();
            Assert.Equal(3, rows.Count);
            var payload = JsonNode.Parse(rows[^1].Payload)!;
            Assert.Equal("2029-10", payload["month"]!.GetValue<string>());
            Assert.Equal(
                [$"reports/board-pack/2029-10/{BoardPackUseCase.PdfName}", $"reports/board-pack/2029-10/{BoardPackUseCase.HtmlName}"],
                payload["files"]!.AsArray().Select(f => f!["blob"]!.GetValue<string>()));
            var page = await hub.Storage.ListNamesAsync(HubStorageNames.Containers.Reports, "board-pack/2029-10/");
            Assert.Equal(2, page.Count);
            Assert.False(again.InSharePoint);

        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheLatestPackIsTheNewestMonthAndAPastMonthMadeAgainDoesNotDisplaceIt()
    {
        // Storage of its own: other tests' packs would be the latest in the shared one.
        using var storage = FreshAzurite.Start();
        await using var hub = await TestHub.StartAsync(storage.ConnectionString, new DateOnly(2029, 12, 3));
        var useCase = hub.Services.GetRequiredService<BoardPackUseCase>();
        var archive = hub.Services.GetRequiredService<BoardPackArchive>();
        Assert.Null(await archive.ReadLatestAsync(CancellationToken.None));

        var december = await useCase.PublishAsync(new DateOnly(2029, 12, 3), CancellationToken.None);
        await useCase.PublishAsync(new DateOnly(2029, 11, 1), CancellationToken.None);

        var latest = await archive.ReadLatestAsync(CancellationToken.None);
        Assert.NotNull(latest);
        Assert.Equal(("2029-12", new DateOnly(2029, 12, 3), false), (latest.Month, latest.AsOf, latest.InSharePoint));
        Assert.Equal(december.Copies[BoardPackUseCase.PdfName], latest.PrimaryUrl);
        var page = await hub.Storage.ListNamesAsync(HubStorageNames.Containers.Reports, "board-pack/");
        Assert.Equal(
            ["board-pack/2029-11/board-pack.html", "board-pack/2029-11/board-pack.pdf", "board-pack/2029-12/board-pack.html", "board-pack/2029-12/board-pack.pdf", BoardPackArchive.LatestBlob],
            page.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("2029-10-01", true)]
    [InlineData("2029-10-02", false)]
    [InlineData("2029-09-03", true)]
    [InlineData("2029-09-01", false)]
    [InlineData("2029-12-03", true)]
    public void TheMonthlyRunProducesThePackOnlyOnTheMonthsFirstWeekday(string date, bool first) =>
        Assert.Equal(first, BoardPackUseCase.IsFirstWeekdayOfMonth(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task<byte[]> DownloadAsync(TestStorage storage, string blob)
    {
        using var download = await storage.OpenReadAsync(HubStorageNames.Containers.Reports, blob);
        using var copy = new MemoryStream();
        await download.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}
