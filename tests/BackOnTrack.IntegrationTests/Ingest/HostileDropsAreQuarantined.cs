using BackOnTrack.Tests.Storage;
using BackOnTrack.Application.Hosting;
using BackOnTrack.Cli.Hosting;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BackOnTrack.Core.Drops;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;

namespace BackOnTrack.IntegrationTests.Ingest;

/// <summary>
/// Hostile files through IngestDrop on Azurite: each ends rejected, quarantined beside its report, with nothing of it
/// left in the tables, even when good rows came before the point where the file broke.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class HostileDropsAreQuarantined(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _school = AzuriteFixture.UniqueSchool();
    private TestHub _hub = null!;

    private TestStorage Storage => _hub.Storage;

    public async Task InitializeAsync() =>
        _hub = await TestHub.StartAsync(azurite.ConnectionString, AsOfTimeProvider.OnDate(new DateOnly(2025, 9, 1)), new Dictionary<string, string?>
        {
            ["Ingest:MaxFileBytes"] = "200000",
            ["Ingest:MaxXlsxUncompressedBytes"] = "16777216",
        });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    public static TheoryData<string, string> HostileFiles() => new()
    {
        { "suspensions.csv", "a quote is probably left open" },
        { "register.xlsx", "expands to more than 16 MB when unzipped" },
        { "marks.csv", "larger than 0.19 MB" },
        { "attendance.csv", "binary data" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task EndsQuarantinedWithItsReportAndNothingStored(string fileName, string reason)
    {
        var blob = $"{_school}/{fileName}";
        await Storage.UploadAsync(HubStorageNames.Containers.Drops, blob, Hostile(fileName));
        await _hub.SendBlobCreatedAsync(blob);

        var run = await _hub.RunOnceAsync(withTimers: false);

        Assert.True(run.AllSucceeded, "A message went to poison or a function failed.");
        var drop = Assert.Single(await new DataDropStore(Storage.TableService).ListAsync(_school, CancellationToken.None));
        Assert.Equal(DropStatus.Rejected, drop.Status);
        Assert.Contains(reason, drop.Reason, StringComparison.Ordinal);
        var quarantined = new List<string>();
        await foreach (var item in Storage.ListAsync(HubStorageNames.Containers.Quarantine, $"{_school}/{drop.DropId}/"))
        {
            quarantined.Add(item.Name);
        }

        Assert.Equal(
            new[] { $"{_school}/{drop.DropId}/{fileName}", $"{_school}/{drop.DropId}/report.json" }.Order(StringComparer.Ordinal),
            quarantined.Order(StringComparer.Ordinal));
        using (var download = await Storage.OpenReadAsync(HubStorageNames.Containers.Quarantine, $"{_school}/{drop.DropId}/report.json"))
        using (var report = await JsonDocument.ParseAsync(download))
        {
            Assert.Equal("Rejected", report.RootElement.GetProperty("status").GetString());
            Assert.Equal(drop.Reason, report.RootElement.GetProperty("reason").GetString());
        }

        Assert.Empty(await TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.Exclusions, $"{_school}_2024-25"));
        var receipt = await new BlobReceiptStore(Storage.TableService).GetAsync(HubStorageNames.Containers.Drops, blob, CancellationToken.None);
        Assert.Equal(ReceiptStatus.Rejected, receipt!.Status);
    }

    private static byte[] Hostile(string fileName) => fileName switch
    {
        // Fifty good suspensions, stored as they are read, then a quote that never closes.
        "suspensions.csv" => [.. LargeDrops.Suspensions(pupils: 10, daysEach: 5), .. Encoding.UTF8.GetBytes("\"" + new string('x', 40_000) + "\r\n")],
        "register.xlsx" => ZipBomb(),
        "marks.csv" => LargeDrops.Suspensions(pupils: 200, daysEach: 50),
        "attendance.csv" => Garbage(),
        _ => throw new ArgumentOutOfRangeException(nameof(fileName)),
    };

    // 64 MB of zeros in a package of a few kilobytes, which the directory admits to.
    private static byte[] ZipBomb()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                sheet.Write(zeros);
            }
        }

        return stream.ToArray();
    }

    private static byte[] Garbage()
    {
        var bytes = new byte[100_000];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}
