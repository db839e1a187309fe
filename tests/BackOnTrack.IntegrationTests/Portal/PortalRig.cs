using System.Text.Json;
using BackOnTrack.Cli.Operations;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.IntegrationTests.Support;
using Microsoft.Playwright;

namespace BackOnTrack.IntegrationTests.Portal;

/// <summary>One axe-core finding: the rule, its impact (minor … critical) and the elements it names.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Impact} {Id}: {Help} ({string.Join("; ", Targets)})";
}

/// <summary>
/// The hub in process on Azurite and Debian's Chromium driven by Playwright (its own browser download is not used:
/// scripts/lib/browser.sh installs the <c>chromium</c> package and axe-core). Screenshots go under the test results
/// directory, <c>.artifacts/test-results/portal/</c>.
/// </summary>
public sealed class PortalRig : IAsyncDisposable
{
    public const string ChromiumVariable = "BACKONTRACK_CHROMIUM";
    public const string AxeVariable = "BACKONTRACK_AXE_JS";

    private readonly IPlaywright _playwright;
    private readonly List<IBrowserContext> _contexts = [];
    private readonly string _connectionString;

    private PortalRig(TestHub hub, IPlaywright playwright, IBrowser browser, string connectionString)
    {
        Hub = hub;
        _playwright = playwright;
        Browser = browser;
        _connectionString = connectionString;
    }

    public TestHub Hub { get; }
    public IBrowser Browser { get; }

    /// <summary>The portal's address on this hub.</summary>
    public string PortalUrl => new Uri(Hub.Address, "api/portal").AbsoluteUri;

    public static string ScreenshotFolder
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("BACKONTRACK_ROOT");
            return root is null
                ? Path.Combine(AppContext.BaseDirectory, "portal-screenshots")
                : Path.Combine(root, ".artifacts", "test-results", "portal");
        }
    }

    /// <summary>A hub dated today (a drop belongs to the term it is received in, and it is received now).</summary>
    public static async Task<PortalRig> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is not at {chromium}: run the tests through scripts/test.sh, which installs Debian's chromium package.");
        }

        var hub = await TestHub.StartAsync(azurite.ConnectionString, DateOnly.FromDateTime(DateTime.UtcNow), settings);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        return new PortalRig(hub, playwright, browser, azurite.ConnectionString);
    }

    /// <summary>A new tab in a fresh context (its own session storage); at phone width with <paramref name="phone"/>.</summary>
    /// <param name="forAxe">Lets the test inject axe-core as a script tag (the page's CSP would refuse it; nothing else changes).</param>
    public async Task<IPage> NewPageAsync(bool phone = false, bool forAxe = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            BypassCSP = forAxe,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>A key issued through the operator's verb, <c>schools issue-key</c>, read from its output as an officer would.</summary>
    public async Task<string> IssueKeyAsync(Laestab school)
    {
        using var output = new StringWriter();
        Assert.Equal(0, await SchoolsCommand.IssueAsync(school.Value, output, TimeProvider.System, OperationsSettings.Configure(_connectionString), CancellationToken.None));
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }

    public async Task<IPage> SignedInPageAsync(Laestab school, string key, bool phone = false, bool forAxe = false)
    {
        var page = await NewPageAsync(phone, forAxe);
        await page.GotoAsync(PortalUrl);
        await page.GetByLabel("School number (LAESTAB)").FillAsync(school.Value);
        await page.GetByLabel("School key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#who-laestab")).ToHaveTextAsync(school.Value);
        return page;
    }

    /// <summary>Chooses files in the page's file input, as a school does.</summary>
    public static Task ChooseFilesAsync(IPage page, params FilePayload[] files) => page.Locator("#files").SetInputFilesAsync(files);

    public static FilePayload Fixture(string fixture, string? asName = null) => new()
    {
        Name = asName ?? fixture,
        MimeType = fixture.EndsWith(".xlsx", StringComparison.Ordinal) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv",
        Buffer = File.ReadAllBytes(Fixtures.Path(fixture)),
    };

    /// <summary>The upload's entry in the page, by the name the school's file had.</summary>
    public static ILocator Upload(IPage page, string fileName) => page.Locator("li.upload").Filter(new() { Has = page.Locator(".upload-name", new() { HasTextString = fileName }) });

    /// <summary>
    /// Waits until the browser has put the file, then does what Event Grid and the Functions host do (BlobCreated to
    /// drop-events, IngestDrop), and waits until the page shows the outcome.
    /// </summary>
    public async Task ProcessAsync(IPage page, Laestab school, string fileName, string? sentAs = null)
    {
        var upload = Upload(page, fileName);
        await Assertions.Expect(upload.Locator(".upload-state")).ToContainTextAsync("Waiting for the hub", new() { Timeout = 60_000 });
        await Hub.SendBlobCreatedAsync($"{school}/{sentAs ?? fileName}");
        await Hub.RunOnceAsync(withTimers: false);
        await Assertions.Expect(upload.GetByRole(AriaRole.Button, new() { NameString = "View report" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    /// <summary>Runs axe-core (WCAG 2.0–2.2 A and AA rules and best practice) on the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> AxeAsync(IPage page)
    {
        var axe = Environment.GetEnvironmentVariable(AxeVariable)
            ?? throw new InvalidOperationException($"{AxeVariable} is not set: run the tests through scripts/test.sh, which installs axe-core from npm.");
        if (await page.EvaluateAsync<bool>("() => typeof window.axe === 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axe });
        }

        var found = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
              return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
            }
            """);
        return [.. found.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").GetString(),
            v.GetProperty("help").GetString()!,
            [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)]))];
    }

    public static void AssertNoSeriousViolations(IReadOnlyList<AxeViolation> violations, string state)
    {
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe found serious violations on {state}:\n{string.Join("\n", serious)}\n(all: {string.Join("\n", violations)})");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        await Browser.CloseAsync();
        _playwright.Dispose();
        await Hub.DisposeAsync();
    }
}
