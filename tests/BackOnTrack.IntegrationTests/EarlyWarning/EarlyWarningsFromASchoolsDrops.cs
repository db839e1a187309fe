using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Hosting;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.EarlyWarning;
using BackOnTrack.Application.Operations;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Tracker;
using BackOnTrack.M365.Outbox;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.IntegrationTests.EarlyWarning;

/// <summary>
/// A school's drops through the hub, as of Friday 14 March 2025: one pupil suspended twice in February and March who
/// missed 3 of every 20 sessions (flagged: repeat suspensions and persistent absence), one suspended as often who
/// attended every session (behaviour only: not flagged, no row).
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class EarlyWarningsFromASchoolsDrops(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2025, 3, 14);
    private readonly string _school = AzuriteFixture.UniqueSchool();
    private TestHub _hub = null!;

    private string AtRisk => PupilDrops.UpnFor(_school, 1);
    private string BehaviourOnly => PupilDrops.UpnFor(_school, 2);

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(azurite, AsOf);
        await DropAsync("exclusions.csv", Exclusions(AtRisk, BehaviourOnly));
        await DropAsync("marks.csv", Marks());
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task DropAsync(string file, string content)
    {
        var name = $"{_school}/{file}";
        await _hub.Storage.UploadAsync(HubStorageNames.Containers.Drops, name, Encoding.UTF8.GetBytes(content));
        await _hub.SendBlobCreatedAsync(name);
        Assert.True((await _hub.RunOnceAsync(withTimers: false)).AllSucceeded, "A message went to poison or a function failed.");
    }

    private static string Exclusions(params string[] upns)
    {
        var text = new StringBuilder("UPN,Year Group,Exclusion Type,Start Date,Sessions,Reason Code\n");
        foreach (var upn in upns)
        {
            text.Append(CultureInfo.InvariantCulture, $"{upn},Year 9,Suspension,03/02/2025,2,PA\n{upn},Year 9,Suspension,03/03/2025,2,VP\n");
        }

        return text.ToString();
    }

    /// <summary>Ten school days before the as-of date; the pupil at risk is off sick every morning of two days and one more.</summary>
    private string Marks()
    {
        var text = new StringBuilder("UPN,NCYear,Date,Session,Mark\n");
        var day = new DateOnly(2025, 3, 3);
        for (var n = 0; n < 10; day = day.AddDays(day.DayOfWeek == DayOfWeek.Friday ? 3 : 1), n++)
        {
            var absentMorning = n is 1 or 4 or 7;
            text.Append(CultureInfo.InvariantCulture, $"{AtRisk},9,{day:dd/MM/yyyy},AM,{(absentMorning ? "I" : "/")}\n{AtRisk},9,{day:dd/MM/yyyy},PM,\\\n");
            text.Append(CultureInfo.InvariantCulture, $"{BehaviourOnly},9,{day:dd/MM/yyyy},AM,/\n{BehaviourOnly},9,{day:dd/MM/yyyy},PM,\\\n");
        }

        return text.ToString();
    }

    private PupilKey KeyOf(string upn) => _hub.Services.GetRequiredService<PupilKeyLookup>().KeyFor(Upn.TryParse(upn, out var parsed, out _) ? parsed : throw new ArgumentException("Not a UPN.", nameof(upn)));

    private Task<IReadOnlyList<StoredEarlyWarning>> RowsAsync() =>
        _hub.Services.GetRequiredService<IEarlyWarnings>().ReadSchoolAsync(Laestab.Parse(_school), CancellationToken.None);

    private RecomputeEarlyWarningsUseCase RecomputeOn(DateOnly date) => new(
        _hub.Services.GetRequiredService<IEarlyWarningFacts>(),
        _hub.Services.GetRequiredService<IEarlyWarnings>(),
        _hub.Services.GetRequiredService<MetricFactsReader>(),
        _hub.Services.GetRequiredService<DataDropStore>(),
        _hub.Services.GetRequiredService<IOptions<EarlyWarningOptions>>(),
        AsOfTimeProvider.OnDate(date),
        NullLogger<RecomputeEarlyWarningsUseCase>.Instance);

    [Fact]
    public async Task TheSchoolsDropsFlagThePupilWithBothKindsOfReasonAndNoOneElse()
    {
        var row = Assert.Single(await RowsAsync()).Flag;

        Assert.Equal(KeyOf(AtRisk).Value, row.PupilKey);
        Assert.True(row.Flagged);
        Assert.Equal(EarlyWarningStatus.New, row.Status);
        Assert.Equal(AsOf, row.AsOf);
        Assert.Equal("9", row.NcYear);
        Assert.Contains(EarlyWarningReason.RepeatSuspensions, row.Reasons);
        var absence = Assert.Single(row.Evidence, e => e.Reason == EarlyWarningReason.PersistentAbsence);
        Assert.Equal(3, absence.Count);
        Assert.Equal(20, absence.Sessions);
        Assert.Equal(15m, absence.Percent);
    }

    [Fact]
    public async Task RecomputingAsOfTheSameDateChangesNothing()
    {
        var before = await RowsAsync();

        var result = await _hub.Services.GetRequiredService<RecomputeEarlyWarningsUseCase>().RecomputeSchoolAsync(Laestab.Parse(_school), CancellationToken.None);

        Assert.Equal((0, 0, 1), (result.RowsWritten, result.RowsRemoved, result.Flagged));
        Assert.Equal(before.Select(r => r.ETag), (await RowsAsync()).Select(r => r.ETag));
    }

    [Fact]
    public async Task AWeekLaterTheFlagIsContinuingAndKeepsWhenItWasFirstRaised()
    {
        var first = Assert.Single(await RowsAsync()).Flag;

        await RecomputeOn(AsOf.AddDays(7)).RecomputeSchoolAsync(Laestab.Parse(_school), CancellationToken.None);

        var next = Assert.Single(await RowsAsync()).Flag;
        Assert.Equal(EarlyWarningStatus.Continuing, next.Status);
        Assert.Equal(first.FirstFlaggedAt, next.FirstFlaggedAt);
        Assert.Equal(AsOf.AddDays(7), next.AsOf);
    }

    [Fact]
    public async Task ACorrectedExclusionsFileClearsTheFlag()
    {
        // The school re-sends the file with one suspension each: a new version of the same blob replaces the first.
        await DropAsync("exclusions.csv", "UPN,Year Group,Exclusion Type,Start Date,Sessions,Reason Code\n" +
            $"{AtRisk},Year 9,Suspension,03/03/2025,2,VP\n{BehaviourOnly},Year 9,Suspension,03/03/2025,2,VP\n");

        var row = Assert.Single(await RowsAsync()).Flag;
        Assert.False(row.Flagged);
        Assert.Equal(EarlyWarningStatus.Cleared, row.Status);
        Assert.DoesNotContain(EarlyWarningReason.RepeatSuspensions, row.Reasons);
    }

    [Fact]
    public async Task ErasingThePupilRemovesTheirFlag()
    {
        await _hub.Services.GetRequiredService<ErasePupilUseCase>().EraseAsync(KeyOf(AtRisk), "SEMH data officer", "Erasure request ER-2025-020", CancellationToken.None);

        Assert.Empty(await RowsAsync());
        Assert.True((await _hub.RunOnceAsync(withTimers: false)).AllSucceeded);
        Assert.Empty(await RowsAsync());
    }

    /// <summary>The value an item's field last had in what SyncTracker recorded for the figures list (the hub runs in Outbox mode).</summary>
    private async Task<string?> FigureFieldAsync(string breakdown, string field)
    {
        var key = $"{_school}_2024-25_EarlyWarning_{breakdown}";
        var entries = (await _hub.Services.GetRequiredService<OutboxStore>().ListAsync(OutboxChannels.SharePoint, CancellationToken.None))
            .Where(e => e.ActionKey == key).OrderBy(e => e.RowKey, StringComparer.Ordinal);
        string? value = null;
        foreach (var entry in entries)
        {
            using var payload = JsonDocument.Parse(entry.Payload);
            if (payload.RootElement.GetProperty("fields").TryGetProperty(field, out var written))
            {
                value = written.GetString();
            }
        }

        return value;
    }

    [Fact]
    public async Task TheFiguresListGetsTheSchoolsCountsByReasonAndBandWithTheOneFlaggedPupilShownAsX()
    {
        Assert.Equal("x", await FigureFieldAsync("All", EarlyWarningFigureRows.Flagged));
        Assert.Equal("x", await FigureFieldAsync("All", EarlyWarningFigureRows.New));
        Assert.Equal("x", await FigureFieldAsync("Reason-RepeatSuspensions", EarlyWarningFigureRows.Flagged));
        Assert.Equal("x", await FigureFieldAsync("Reason-PersistentAbsence", EarlyWarningFigureRows.Flagged));
        Assert.Equal("x", await FigureFieldAsync("NcBand-Y7-Y9", EarlyWarningFigureRows.Flagged));
        Assert.Equal("0", await FigureFieldAsync("NcBand-Y10-Y11", EarlyWarningFigureRows.Flagged));
        Assert.Equal("0", await FigureFieldAsync("Reason-LunchtimeExclusions", EarlyWarningFigureRows.Flagged));
    }

    [Fact]
    public async Task WhenACorrectedFileClearsTheFlagTheFiguresListCountFallsToZero()
    {
        await DropAsync("exclusions.csv", "UPN,Year Group,Exclusion Type,Start Date,Sessions,Reason Code\n" +
            $"{AtRisk},Year 9,Suspension,03/03/2025,2,VP\n{BehaviourOnly},Year 9,Suspension,03/03/2025,2,VP\n");

        Assert.Equal("0", await FigureFieldAsync("All", EarlyWarningFigureRows.Flagged));
        Assert.Equal("0", await FigureFieldAsync("NcBand-Y7-Y9", EarlyWarningFigureRows.Flagged));
    }

    [Fact]
    public async Task AChangeToTheFlagsAloneStillAsksForTheSchoolsAndTheLasFiguresOfThatYear()
    {
        // The flag's row goes, so the next recompute writes it again while the school's Metrics stay as they were.
        var school = Laestab.Parse(_school);
        var row = Assert.Single(await RowsAsync());
        await _hub.Services.GetRequiredService<IEarlyWarnings>().WriteAsync(school, [new EarlyWarningWrite(row.Flag.PupilKey, null, row.ETag)], CancellationToken.None);

        var result = await _hub.Services.GetRequiredService<Application.Metrics.RecomputeMetricsUseCase>().RecomputeAsync(_school, AcademicYear.Parse("2024-25"), CancellationToken.None);

        Assert.Empty(result.ScopesChanged);
        var requests = new List<string>();
        for (var batch = await _hub.Storage.ReceiveAsync(HubStorageNames.Queues.TrackerSync, 32, TimeSpan.FromSeconds(30));
             batch.Count > 0;
             batch = await _hub.Storage.ReceiveAsync(HubStorageNames.Queues.TrackerSync, 32, TimeSpan.FromSeconds(30)))
        {
            requests.AddRange(batch.Select(m => m.Body));
        }

        Assert.Contains($$"""{"figures":"{{_school}}","academicYear":"2024-25"}""", requests);
        Assert.Contains("""{"figures":"LA","academicYear":"2024-25"}""", requests);
    }
}
