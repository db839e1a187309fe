using BackOnTrack.Core.Ports;
using System.Text;
using BackOnTrack.Application.Operations;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BackOnTrack.IntegrationTests.Portal;

/// <summary>
/// A school checks its roll against the early-warning table in a real browser: the flagged pupil is listed by the UPN
/// the school sent with its reasons in words, a pupil with no row is not, and a roll with a bad UPN is refused by line.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class PortalEarlyWarningCheck(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string FlaggedUpn = "V372402119002";
    private const string UnflaggedUpn = "F372402119001";
    private readonly Laestab _school = Laestab.Parse(AzuriteFixture.UniqueSchool());
    private PortalRig _rig = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _rig = await PortalRig.StartAsync(azurite);
        _key = await _rig.IssueKeyAsync(_school);
        var pupil = _rig.Hub.Services.GetRequiredService<PupilKeyLookup>().KeyFor(Upn.TryParse(FlaggedUpn, out var upn, out var why) ? upn : throw new InvalidOperationException(why)).Value;
        var asOf = new DateOnly(2024, 12, 13);
        var flag = new EarlyWarningFlag(pupil, Flagged: true,
            [new ReasonEvidence(EarlyWarningReason.RepeatSuspensions, Count: 2, First: new DateOnly(2024, 11, 12), Last: new DateOnly(2024, 12, 2)),
             new ReasonEvidence(EarlyWarningReason.PersistentAbsence, Percent: 14.5m, Sessions: 29)],
            "9", "None", EarlyWarningStatus.New, new DateTimeOffset(2024, 12, 6, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 12, 6, 5, 0, 0, TimeSpan.Zero), asOf);
        await _rig.Hub.Services.GetRequiredService<IEarlyWarnings>().WriteAsync(_school, [new EarlyWarningWrite(pupil, flag, null)], CancellationToken.None);
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static FilePayload Roll(params string[] upns) => new()
    {
        Name = "roll.csv",
        MimeType = "text/csv",
        Buffer = Encoding.UTF8.GetBytes("UPN,Surname\r\n" + string.Concat(upns.Select(u => u + ",Pupil\r\n"))),
    };

    [Fact]
    public async Task ASchoolChoosesItsRollAndSeesItsFlaggedPupilByUpnWithTheReasonsInWords()
    {
        var page = await _rig.SignedInPageAsync(_school, _key, forAxe: true);

        await page.Locator("#roll-file").SetInputFilesAsync(Roll(UnflaggedUpn, FlaggedUpn));

        await Assertions.Expect(page.Locator("#roll-summary")).ToHaveTextAsync("2 pupils checked; 1 flagged now, as the rules stood on 13 December 2024.");
        var rows = page.Locator("#roll-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Locator("td").Nth(0)).ToHaveTextAsync(FlaggedUpn);
        await Assertions.Expect(rows.Locator("td").Nth(2)).ToHaveTextAsync("Flagged (new)");
        await Assertions.Expect(rows.Locator("td").Nth(4)).ToHaveTextAsync("repeated suspensions (2, latest 2 December 2024); persistent absence (14.5% absent, 29 sessions)");
        await PortalRig.ScreenshotAsync(page, "11-early-warning");
        PortalRig.AssertNoSeriousViolations(await PortalRig.AxeAsync(page), "the early-warning check");
    }

    [Fact]
    public async Task ARollWithABadUpnIsRefusedByLineAndNothingIsListed()
    {
        var page = await _rig.SignedInPageAsync(_school, _key);

        await page.Locator("#roll-file").SetInputFilesAsync(Roll(FlaggedUpn, "NOT-A-UPN"));

        await Assertions.Expect(page.Locator("#roll-summary")).ToContainTextAsync("Not checked:");
        await Assertions.Expect(page.Locator("#roll-problems li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#roll-problems li")).ToContainTextAsync("Line 3");
        Assert.DoesNotContain("NOT-A-UPN", await page.Locator("#early-warning").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.False(await page.Locator("#roll-table").IsVisibleAsync());
    }
}
