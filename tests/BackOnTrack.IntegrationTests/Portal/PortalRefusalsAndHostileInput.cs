using System.Text;
using System.Text.Json;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.IntegrationTests.Support;
using Microsoft.Playwright;

namespace BackOnTrack.IntegrationTests.Portal;

/// <summary>What the portal refuses, and what it never does: show another school's drop, run a script it was sent, put the key in a URL.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class PortalRefusalsAndHostileInput(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly Laestab _school = Laestab.Parse(AzuriteFixture.UniqueSchool());
    private readonly Laestab _otherSchool = Laestab.Parse(AzuriteFixture.UniqueSchool());
    private PortalRig _rig = null!;
    private string _key = null!;
    private string _otherKey = null!;

    public async Task InitializeAsync()
    {
        _rig = await PortalRig.StartAsync(azurite);
        _key = await _rig.IssueKeyAsync(_school);
        _otherKey = await _rig.IssueKeyAsync(_otherSchool);
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task AnUnreadableFileIsRejectedWithTheReasonInPlainWords()
    {
        var page = await _rig.SignedInPageAsync(_school, _key);

        await PortalRig.ChooseFilesAsync(page, PortalRig.Fixture("corrupt.xlsx", "attendance-marks.xlsx"));
        await _rig.ProcessAsync(page, _school, "attendance-marks.xlsx");

        var upload = PortalRig.Upload(page, "attendance-marks.xlsx");
        await Assertions.Expect(upload.Locator(".upload-state")).ToContainTextAsync("Not stored: The file is not a readable XLSX workbook");
        await upload.GetByRole(AriaRole.Button, new() { NameString = "View report" }).ClickAsync();
        var verdict = page.Locator("#report .verdict");
        await Assertions.Expect(verdict).ToContainTextAsync("The file was not stored. Nothing from it has been added.");
        await Assertions.Expect(verdict).ToContainTextAsync("Why: The file is not a readable XLSX workbook");
        await PortalRig.ScreenshotAsync(page, "05-unreadable-file");
    }

    [Fact]
    public async Task AWrongKeyOrAnotherSchoolsKeyIsRefusedPlainlyAndNotKept()
    {
        var page = await _rig.NewPageAsync();
        await page.GotoAsync(_rig.PortalUrl);
        var wrong = _key[..(_key.IndexOf('.', StringComparison.Ordinal) + 1)] + new string('A', 43);

        foreach (var key in new[] { wrong, _otherKey })
        {
            await page.GetByLabel("School number (LAESTAB)").FillAsync(_school.Value);
            await page.GetByLabel("School key").FillAsync(key);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
                $"That key is not a current key for school {_school}. Check both and try again; if it still fails, ask the local authority's data team for a new key.");
            await Assertions.Expect(page.Locator("#signed-in")).ToBeHiddenAsync();
            Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('backontrack.key')"));
        }

        await PortalRig.ScreenshotAsync(page, "06-wrong-key");
    }

    [Fact]
    public async Task AnotherSchoolsDropIsNeverShownNorReachableWithThisSchoolsKey()
    {
        await _rig.Hub.UploadFixtureAsync("exclusions-mixed.csv", $"{_otherSchool}/other-school-secret.csv");
        await _rig.Hub.SendBlobCreatedAsync($"{_otherSchool}/other-school-secret.csv");
        await _rig.Hub.UploadFixtureAsync("exclusions-2024-25.csv", $"{_school}/ours.csv");
        await _rig.Hub.SendBlobCreatedAsync($"{_school}/ours.csv");
        await _rig.Hub.RunOnceAsync(withTimers: false);
        var otherPage = await _rig.SignedInPageAsync(_otherSchool, _otherKey);
        await Assertions.Expect(otherPage.Locator("#history-table tbody tr")).ToHaveCountAsync(1);
        var otherDropId = await otherPage.EvaluateAsync<string>(
            $"async () => (await (await fetch('/api/schools/{_otherSchool}/drops', {{ headers: {{ 'X-School-Key': sessionStorage.getItem('backontrack.key') }} }})).json()).drops[0].dropId");

        var page = await _rig.SignedInPageAsync(_school, _key);

        await Assertions.Expect(page.Locator("#history-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#history-table")).ToContainTextAsync("ours.csv");
        Assert.DoesNotContain("other-school-secret", await page.ContentAsync(), StringComparison.Ordinal);
        var answers = await page.EvaluateAsync<JsonElement>(
            $$"""
            async () => {
              const headers = { 'X-School-Key': sessionStorage.getItem('backontrack.key') };
              const ask = async path => (await fetch(path, { headers })).status;
              return [await ask('/api/schools/{{_otherSchool}}/drops'), await ask('/api/schools/{{_otherSchool}}/returns'),
                      await ask('/api/drops/{{_school}}/{{otherDropId}}'), await ask('/api/drops/{{_otherSchool}}/{{otherDropId}}'),
                      await ask('/api/drops/{{_school}}?blob={{_otherSchool}}/other-school-secret.csv')];
            }
            """);
        Assert.Equal([401, 401, 404, 401, 404], answers.EnumerateArray().Select(a => a.GetInt32()));
    }

    [Fact]
    public async Task AScriptInAFileNameOrAReportCellIsShownAsTextAndTheKeyIsInNoUrl()
    {
        var page = await _rig.SignedInPageAsync(_school, _key);
        var urls = new List<string>();
        page.Request += (_, request) => urls.Add(request.Url);
        var hostileName = "<img src=x onerror=window.__xss=1>.csv";
        var hostileHeading = "<script>window.__xss=2</script>";
        var lines = File.ReadAllLines(Fixtures.Path("exclusions-2024-25.csv"));
        var csv = string.Join("\r\n", lines.Select((line, i) => line + "," + (i == 0 ? hostileHeading : "x"))) + "\r\n";

        await PortalRig.ChooseFilesAsync(page, new FilePayload { Name = hostileName, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        var upload = PortalRig.Upload(page, hostileName);
        await Assertions.Expect(upload.Locator(".upload-note")).ToContainTextAsync("Sent as img src-x onerror-window-__xss-1.csv");
        await _rig.ProcessAsync(page, _school, hostileName, sentAs: "img src-x onerror-window-__xss-1.csv");
        await upload.GetByRole(AriaRole.Button, new() { NameString = "View report" }).ClickAsync();

        await Assertions.Expect(page.Locator("#report-body")).ToContainTextAsync(hostileHeading);
        await Assertions.Expect(upload.Locator(".upload-name")).ToHaveTextAsync(hostileName);
        Assert.Equal(0, await page.Locator("main script, main img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
        await PortalRig.ScreenshotAsync(page, "07-hostile-text");

        Assert.NotEmpty(urls);
        var secret = _key[(_key.IndexOf('.', StringComparison.Ordinal) + 1)..];
        Assert.DoesNotContain(urls, url => url.Contains(secret, StringComparison.Ordinal) || url.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePageIsServedWithItsSecurityHeadersAndRefusesToBeFramed()
    {
        var page = await _rig.NewPageAsync();

        var response = await page.GotoAsync(_rig.PortalUrl);
        var headers = await response!.AllHeadersAsync();

        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        // An inline script the page did not ship is refused by the policy.
        Assert.False(await page.EvaluateAsync<bool>(
            """
            () => new Promise(resolve => {
              window.__ran = false;
              const s = document.createElement('script');
              s.textContent = 'window.__ran = true';
              document.body.appendChild(s);
              setTimeout(() => resolve(window.__ran), 100);
            })
            """));
    }
}
