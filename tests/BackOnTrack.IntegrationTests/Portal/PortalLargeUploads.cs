using System.Text;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using Microsoft.Playwright;

namespace BackOnTrack.IntegrationTests.Portal;

/// <summary>A large file goes straight to Blob storage with a moving progress bar; one over the hub's limit is refused before sending.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class PortalLargeUploads(AzuriteFixture azurite)
{
    private readonly Laestab _school = Laestab.Parse(AzuriteFixture.UniqueSchool());

    private static string CsvOfAtLeast(long bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("portal-large-") + ".csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("UPN,NCYear,Category,StartDate,Sessions,Reason1\r\n");
        for (var i = 0; writer.BaseStream.Length < bytes; i++)
        {
            writer.Write($"A{i % 1_000_000_000_000:D12},8,FIXD,2024-11-04,2,PA\r\n");
        }

        return path;
    }

    [Fact]
    public async Task A40MbFileIsSentWithAMovingProgressBar()
    {
        await using var rig = await PortalRig.StartAsync(azurite);
        var key = await rig.IssueKeyAsync(_school);
        var file = CsvOfAtLeast(40L * 1024 * 1024);
        try
        {
            var page = await rig.SignedInPageAsync(_school, key);
            // Over loopback the upload would finish between two frames: slow it to a school's broadband (about 80 Mbit/s up).
            var cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false, ["latency"] = 5, ["downloadThroughput"] = -1, ["uploadThroughput"] = 10 * 1024 * 1024,
            });

            await page.Locator("#files").SetInputFilesAsync(file);
            var name = Path.GetFileName(file);
            var bar = PortalRig.Upload(page, name).Locator("progress");
            await page.WaitForFunctionAsync("() => { const p = document.querySelector('li.upload progress'); return p && p.value >= 20 && p.value <= 80; }", null, new() { PollingInterval = 50, Timeout = 60_000 });
            var midway = await bar.EvaluateAsync<double>("p => p.value");
            await PortalRig.ScreenshotAsync(page, "10-large-upload-midway", fullPage: false);
            await Assertions.Expect(PortalRig.Upload(page, name).Locator(".upload-state")).ToContainTextAsync("Waiting for the hub", new() { Timeout = 120_000 });

            Assert.InRange(midway, 20, 80);
            Assert.Equal(100, await bar.EvaluateAsync<double>("p => p.value"));
            var stored = await rig.Hub.Storage.FindAsync(HubStorageNames.Containers.Drops, $"{_school}/{name}");
            Assert.Equal(new FileInfo(file).Length, stored!.ContentLength);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AFileOverTheHubsLimitIsRefusedBeforeSendingWithTheLimitNamed()
    {
        await using var rig = await PortalRig.StartAsync(azurite, new Dictionary<string, string?> { ["Ingest:MaxFileBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var key = await rig.IssueKeyAsync(_school);
        var page = await rig.SignedInPageAsync(_school, key);
        await Assertions.Expect(page.Locator("#max-size")).ToHaveTextAsync("1.0 MB");

        await PortalRig.ChooseFilesAsync(page, new FilePayload { Name = "whole-year.csv", MimeType = "text/csv", Buffer = new byte[(2 * 1024 * 1024) + 1] });

        await Assertions.Expect(PortalRig.Upload(page, "whole-year.csv").Locator(".upload-state")).ToHaveTextAsync(
            "Not sent: the file is 2.0 MB, larger than the 1.0 MB the hub accepts. Split it into smaller files (for example one per term) and send each.");
        Assert.Null(await rig.Hub.Storage.FindAsync(HubStorageNames.Containers.Drops, $"{_school}/whole-year.csv"));
    }
}
