using Microsoft.Extensions.Hosting;
using BackOnTrack.Cli.Operations;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;

namespace BackOnTrack.IntegrationTests.BoardPack;

/// <summary><c>board-pack</c> on the hub's storage: the month's pack, where it went, and a one-line refusal.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class BoardPackVerbOnAzurite(AzuriteFixture azurite)
{
    private Action<Microsoft.Extensions.Hosting.HostApplicationBuilder> Settings => OperationsSettings.Configure(azurite.ConnectionString);

    [Fact]
    public async Task AMonthsPackIsAsOfItsFirstWeekdayKeptInReportsRecordedInTheOutboxAndWrittenToTheOutputFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "backontrack-pack-" + Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        try
        {
            var status = await BoardPackCommand.RunAsync((2031, 3), new DateOnly(2031, 4, 2), new DirectoryInfo(folder), stdout, stderr, Settings, CancellationToken.None);

            Assert.Equal((0, ""), (status, stderr.ToString()));
            var lines = stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            // 1 March 2031 is a Saturday: the pack is as of Monday the 3rd, as the timer would have made it.
            Assert.Equal("Board pack 2031-03, data as of 3 March 2031:", lines[0]);
            Assert.StartsWith("  reports/board-pack/2031-03/board-pack.pdf (", lines[1], StringComparison.Ordinal);
            Assert.StartsWith("  reports/board-pack/2031-03/board-pack.html (", lines[2], StringComparison.Ordinal);
            Assert.Equal("Recorded in the outbox (channel BoardPack), not uploaded: M365 mode is Outbox.", lines[3]);
            Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(Path.Combine(folder, "board-pack.pdf")))[..4]);
            Assert.Contains("<html", await File.ReadAllTextAsync(Path.Combine(folder, "board-pack.html")), StringComparison.Ordinal);
            var hub = await TestHub.StartAsync(azurite, new DateOnly(2031, 4, 2));
            await using (hub)
            {
                Assert.NotNull(await hub.Storage.FindAsync(HubStorageNames.Containers.Reports, "board-pack/2031-03/board-pack.pdf"));
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task AMonthThatHasNotBegunIsRefusedInOneLine()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var status = await BoardPackCommand.RunAsync((2031, 5), new DateOnly(2031, 4, 2), null, stdout, stderr, Settings, CancellationToken.None);

        Assert.Equal(2, status);
        Assert.Equal("board-pack: 2031-05 has not begun (today is 2031-04-02)." + Environment.NewLine, stderr.ToString());
        Assert.Empty(stdout.ToString());
    }
}
