using BackOnTrack.Core.Ports;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BackOnTrack.Application.EarlyWarning;
using BackOnTrack.Application.Schools;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Schools;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.EarlyWarning;

/// <summary>
/// Two schools' drops through the hub as of Friday 14 March 2025, each with one pupil flagged (two suspensions and 15%
/// absence) and one suspended as often who attends (not flagged). A school posts its roll with its key and learns which
/// of its own pupils are flagged; another school's pupil is never answered, and no UPN reaches the logs.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ASchoolChecksItsRoll(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2025, 3, 14);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string _school = AzuriteFixture.UniqueSchool();
    private readonly string _other = AzuriteFixture.UniqueSchool();
    private TestHub _hub = null!;
    private SchoolKey _key = null!;
    private SchoolKey _otherKey = null!;

    private string AtRisk => PupilDrops.UpnFor(_school, 1);
    private string Attends => PupilDrops.UpnFor(_school, 2);
    private string OtherAtRisk => PupilDrops.UpnFor(_other, 1);

    private EarlyWarningRollQuery Query => _hub.Services.GetRequiredService<EarlyWarningRollQuery>();

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(azurite, AsOf);
        foreach (var school in new[] { _school, _other })
        {
            await DropAsync(school, "exclusions.csv", Exclusions(PupilDrops.UpnFor(school, 1), PupilDrops.UpnFor(school, 2)));
            await DropAsync(school, "marks.csv", Marks(PupilDrops.UpnFor(school, 1), PupilDrops.UpnFor(school, 2)));
        }

        var keys = _hub.Services.GetRequiredService<ISchoolKeys>();
        _key = await keys.IssueAsync(Laestab.Parse(_school), DateTimeOffset.UtcNow, CancellationToken.None);
        _otherKey = await keys.IssueAsync(Laestab.Parse(_other), DateTimeOffset.UtcNow, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task DropAsync(string school, string file, string content)
    {
        var name = $"{school}/{file}";
        await _hub.Storage.UploadAsync(HubStorageNames.Containers.Drops, name, Encoding.UTF8.GetBytes(content));
        await _hub.SendBlobCreatedAsync(name);
        await _hub.RunOnceAsync(withTimers: false);
    }

    internal static string Exclusions(params string[] upns)
    {
        var text = new StringBuilder("UPN,Year Group,Exclusion Type,Start Date,Sessions,Reason Code\n");
        foreach (var upn in upns)
        {
            text.Append(CultureInfo.InvariantCulture, $"{upn},Year 9,Suspension,03/02/2025,2,PA\n{upn},Year 9,Suspension,03/03/2025,2,VP\n");
        }

        return text.ToString();
    }

    /// <summary>Ten school days before the as-of date; the first pupil misses three mornings (15%), the second none.</summary>
    internal static string Marks(string atRisk, string attends)
    {
        var text = new StringBuilder("UPN,NCYear,Date,Session,Mark\n");
        var day = new DateOnly(2025, 3, 3);
        for (var n = 0; n < 10; day = day.AddDays(day.DayOfWeek == DayOfWeek.Friday ? 3 : 1), n++)
        {
            var absentMorning = n is 1 or 4 or 7;
            text.Append(CultureInfo.InvariantCulture, $"{atRisk},9,{day:dd/MM/yyyy},AM,{(absentMorning ? "I" : "/")}\n{atRisk},9,{day:dd/MM/yyyy},PM,\\\n");
            text.Append(CultureInfo.InvariantCulture, $"{attends},9,{day:dd/MM/yyyy},AM,/\n{attends},9,{day:dd/MM/yyyy},PM,\\\n");
        }

        return text.ToString();
    }

    [Fact]
    public async Task TheSchoolLearnsWhichOfItsPupilsAreFlaggedWithReasonsAndEvidence()
    {
        var stranger = PupilDrops.UpnFor(_school, 9);

        var answer = await Query.CheckAsync(_school, _key.ToString(), new EarlyWarningRollRequest([Attends, AtRisk.ToLowerInvariant(), stranger]), CancellationToken.None);

        Assert.Equal(SchoolRequestOutcome.Ok, answer.Outcome);
        var response = answer.Value!;
        Assert.Equal((_school, (DateOnly?)AsOf, 3, 1), (response.Laestab, response.AsOf, response.Checked, response.Flagged));
        var pupil = Assert.Single(response.Pupils);
        Assert.Equal((AtRisk, 2, true, "New", "9"), (pupil.Upn, pupil.Line, pupil.Flagged, pupil.Status, pupil.NcYear));
        var suspensions = Assert.Single(pupil.Reasons, r => r.Reason == "RepeatSuspensions");
        Assert.Equal(("Behaviour", 2, new DateOnly(2025, 2, 3), new DateOnly(2025, 3, 3)), (suspensions.Kind, suspensions.Count, suspensions.First, suspensions.Last));
        var absence = Assert.Single(pupil.Reasons, r => r.Reason == "PersistentAbsence");
        Assert.Equal(("Attendance", 15m, 20), (absence.Kind, absence.Percent, absence.Sessions));
        Assert.Empty(response.Problems);
    }

    [Fact]
    public async Task AnotherSchoolsFlaggedPupilIsNeverAnsweredWhateverTheRollHolds()
    {
        var answer = await Query.CheckAsync(_school, _key.ToString(), new EarlyWarningRollRequest([OtherAtRisk]), CancellationToken.None);

        Assert.Equal(SchoolRequestOutcome.Ok, answer.Outcome);
        Assert.Equal((1, 0), (answer.Value!.Checked, answer.Value.Flagged));
        Assert.Empty(answer.Value.Pupils);

        var theirs = await Query.CheckAsync(_other, _otherKey.ToString(), new EarlyWarningRollRequest([OtherAtRisk, AtRisk]), CancellationToken.None);
        Assert.Equal(OtherAtRisk, Assert.Single(theirs.Value!.Pupils).Upn);
    }

    [Fact]
    public async Task WithoutAKeyOrWithAnotherSchoolsKeyTheRollIsNotChecked()
    {
        foreach (var key in new[] { null, "", _otherKey.ToString(), "not-a-key" })
        {
            var answer = await Query.CheckAsync(_school, key, new EarlyWarningRollRequest([AtRisk]), CancellationToken.None);
            Assert.Equal((SchoolRequestOutcome.NotAuthorised, (EarlyWarningRollResponse?)null), (answer.Outcome, answer.Value));
        }

        Assert.Equal(SchoolRequestOutcome.NotAuthorised, (await Query.CheckAsync("not-a-school", _key.ToString(), new EarlyWarningRollRequest([AtRisk]), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task AnInvalidUpnIsAnsweredByItsLineAndNoPupilIsAnswered()
    {
        var answer = await Query.CheckAsync(_school, _key.ToString(), new EarlyWarningRollRequest([AtRisk, AtRisk[..12] + "Q", "12345"]), CancellationToken.None);

        Assert.Equal(SchoolRequestOutcome.Invalid, answer.Outcome);
        Assert.Equal([2, 3], answer.Value!.Problems.Select(p => p.Line));
        Assert.Empty(answer.Value.Pupils);
        Assert.Contains("2 line(s)", answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARollSentAsACsvFileIsAnsweredByItsLines()
    {
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes($"Name,UPN\nA,{Attends}\nB,{AtRisk}\n"));

        var answer = await Query.CheckFileAsync(_school, _key.ToString(), csv, CancellationToken.None);

        Assert.Equal(SchoolRequestOutcome.Ok, answer.Outcome);
        Assert.Equal((AtRisk, 3), (Assert.Single(answer.Value!.Pupils).Upn, answer.Value.Pupils[0].Line));
    }

    [Fact]
    public async Task TheAnswerSerialisesAsJsonAndTheLogsHoldNoUpnOfTheRoll()
    {
        var answer = await Query.CheckAsync(_school, _key.ToString(), new EarlyWarningRollRequest([AtRisk, Attends, OtherAtRisk]), CancellationToken.None);

        var json = JsonSerializer.Serialize(answer.Value, Web);
        var back = JsonSerializer.Deserialize<EarlyWarningRollResponse>(json, Web)!;
        Assert.Equal(answer.Value!.Pupils[0].Reasons, back.Pupils[0].Reasons);
        Assert.Contains("\"reasons\":[{\"reason\":\"RepeatSuspensions\"", json, StringComparison.Ordinal);
        var logs = string.Join('\n', _hub.Logs.Lines);
        Assert.Contains("Early-warning roll check for school " + _school, logs, StringComparison.Ordinal);
        foreach (var upn in new[] { AtRisk, Attends, OtherAtRisk })
        {
            Assert.DoesNotContain(upn, logs, StringComparison.OrdinalIgnoreCase);
        }
    }
}
