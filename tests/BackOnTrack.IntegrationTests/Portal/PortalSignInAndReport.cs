using System.Text;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.IntegrationTests.Support;
using Microsoft.Playwright;

namespace BackOnTrack.IntegrationTests.Portal;

/// <summary>A school's data manager in a real browser: signs in with the key the LA issued, sends files, reads the reports.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class PortalSignInAndReport(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly Laestab _school = Laestab.Parse(AzuriteFixture.UniqueSchool());
    private PortalRig _rig = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _rig = await PortalRig.StartAsync(azurite);
        _key = await _rig.IssueKeyAsync(_school);
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    /// <summary>The exclusions fixture with row 3's start date made impossible (31/13/2024).</summary>
    private static FilePayload WithAPlantedBadRow(string name)
    {
        var lines = File.ReadAllLines(Fixtures.Path("exclusions-2024-25.csv")).ToList();
        lines[2] = lines[2].Replace("12/11/2024", "31/13/2024", StringComparison.Ordinal);
        Assert.Contains("31/13/2024", lines[2], StringComparison.Ordinal);
        return new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n") };
    }

    [Fact]
    public async Task ASchoolSignsInWithAnIssuedKeyUploadsAFileAndSeesItsPlantedBadRowsReason()
    {
        var page = await _rig.NewPageAsync();
        await page.GotoAsync(_rig.PortalUrl);
        await PortalRig.ScreenshotAsync(page, "01-sign-in");
        await page.GetByLabel("School number (LAESTAB)").FillAsync(_school.Value);
        await page.GetByLabel("School key").FillAsync(_key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#who-laestab")).ToHaveTextAsync(_school.Value);
        Assert.Equal(_key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('backontrack.key')"));
        await PortalRig.ScreenshotAsync(page, "02-signed-in");

        await PortalRig.ChooseFilesAsync(page, WithAPlantedBadRow("exclusions-autumn.csv"));
        await _rig.ProcessAsync(page, _school, "exclusions-autumn.csv");
        var upload = PortalRig.Upload(page, "exclusions-autumn.csv");
        await Assertions.Expect(upload.Locator(".upload-state")).ToContainTextAsync("1 row rejected");
        await PortalRig.ScreenshotAsync(page, "03-uploaded");

        await upload.GetByRole(AriaRole.Button, new() { NameString = "View report" }).ClickAsync();
        var rejected = page.Locator("#rejections tbody tr");
        await Assertions.Expect(rejected).ToHaveCountAsync(1);
        await Assertions.Expect(rejected.Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Assertions.Expect(rejected.Locator("td").Nth(1)).ToHaveTextAsync("Start Date");
        var reason = await rejected.Locator("td").Nth(2).TextContentAsync();
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.DoesNotContain("V372402119002", await page.Locator("#report").TextContentAsync() ?? "", StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#report .verdict")).ToContainTextAsync("1 row was left out");
        await PortalRig.ScreenshotAsync(page, "04-report");

        // The history lists it, and signing out forgets the key.
        await Assertions.Expect(page.Locator("#history-table tbody tr")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("School key")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('backontrack.key')"));
    }
}
