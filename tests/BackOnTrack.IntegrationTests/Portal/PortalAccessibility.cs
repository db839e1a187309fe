using System.Text;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.IntegrationTests.Support;
using Microsoft.Playwright;

namespace BackOnTrack.IntegrationTests.Portal;

/// <summary>The portal by keyboard alone, and axe-core's WCAG 2.2 AA checks on each state, at desktop and phone width.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class PortalAccessibility(AzuriteFixture azurite) : IAsyncLifetime
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

    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e.id || e.textContent.trim(); }");

    private static async Task TabUntilAsync(IPage page, string wanted, int most = 20)
    {
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await FocusedAsync(page) == wanted)
            {
                return;
            }
        }

        Assert.Fail($"{wanted} was not reached with {most} presses of Tab (focus is on {await FocusedAsync(page)}).");
    }

    [Fact]
    public async Task ASchoolSignsInSendsAFileAndReadsItsReportWithTheKeyboardAlone()
    {
        var page = await _rig.NewPageAsync();
        await page.GotoAsync(_rig.PortalUrl);

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await FocusedAsync(page));
        await TabUntilAsync(page, "laestab");
        await page.Keyboard.TypeAsync(_school.Value);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("school-key", await FocusedAsync(page));
        await page.Keyboard.TypeAsync(_key);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#who-laestab")).ToHaveTextAsync(_school.Value);
        Assert.Equal("send-title", await FocusedAsync(page));

        await TabUntilAsync(page, "files");
        // The file input is drawn by its label; its focus shows as the label's yellow outline.
        Assert.Equal("solid", await page.Locator("#drop-zone .file-label").EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        await PortalRig.ScreenshotAsync(page, "08-keyboard-focus-on-choose-files", fullPage: false);
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(PortalRig.Fixture("exclusions-2024-25.csv", "keyboard.csv"));
        await _rig.ProcessAsync(page, _school, "keyboard.csv");

        await TabUntilAsync(page, "View report for keyboard.csv");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#report-title")).ToHaveTextAsync("Report for keyboard.csv");
        Assert.Equal("report", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AxeFindsNoSeriousViolationsOnAnyStateOfThePage(bool phone)
    {
        var width = phone ? "phone" : "desktop";
        var page = await _rig.NewPageAsync(phone, forAxe: true);
        await page.GotoAsync(_rig.PortalUrl);
        PortalRig.AssertNoSeriousViolations(await PortalRig.AxeAsync(page), $"the sign-in page ({width})");

        await page.GetByLabel("School number (LAESTAB)").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        PortalRig.AssertNoSeriousViolations(await PortalRig.AxeAsync(page), $"the sign-in error ({width})");

        await page.GetByLabel("School number (LAESTAB)").FillAsync(_school.Value);
        await page.GetByLabel("School key").FillAsync(_key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#who-laestab")).ToHaveTextAsync(_school.Value);
        await Assertions.Expect(page.Locator("#owed-table")).ToBeVisibleAsync();
        PortalRig.AssertNoSeriousViolations(await PortalRig.AxeAsync(page), $"the signed-in page ({width})");

        var lines = File.ReadAllLines(Fixtures.Path("exclusions-2024-25.csv")).ToList();
        lines[2] = lines[2].Replace("12/11/2024", "31/13/2024", StringComparison.Ordinal);
        var name = $"a11y-{width}.csv";
        await PortalRig.ChooseFilesAsync(page, new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(string.Join("\r\n", lines)) },
            new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "not a spreadsheet"u8.ToArray() });
        await _rig.ProcessAsync(page, _school, name);
        await PortalRig.Upload(page, name).GetByRole(AriaRole.Button, new() { NameString = "View report" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rejections")).ToBeVisibleAsync();
        PortalRig.AssertNoSeriousViolations(await PortalRig.AxeAsync(page), $"the report ({width})");
        await PortalRig.ScreenshotAsync(page, $"09-report-{width}");

        // The check itself works: an image without alternative text planted in the page is found.
        await page.EvaluateAsync("() => document.querySelector('main').appendChild(Object.assign(document.createElement('img'), { src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' }))");
        Assert.Contains(await PortalRig.AxeAsync(page), v => v.Id == "image-alt");
    }
}
