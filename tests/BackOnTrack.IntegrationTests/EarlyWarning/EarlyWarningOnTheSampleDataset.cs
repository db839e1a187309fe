using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Hosting;
using Microsoft.Extensions.Hosting;
using System.Globalization;
using System.Text.Json;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.EarlyWarning;
using BackOnTrack.Application.Operations;
using BackOnTrack.Application.Schools;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.Cli.LocalRun;
using BackOnTrack.Cli.Operations;
using BackOnTrack.Cli.SampleData;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Tests.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.IntegrationTests.EarlyWarning;

/// <summary>
/// The sample dataset through the hub on storage of its own, then the weekly recompute as of the last two Fridays of
/// its autumn term: the planted pupils take their paths (flagged and later excluded, cleared, absence alone, behaviour
/// alone), the verbs show them by pupil key, the backtest finds the exclusion it foresaw, and no UPN or pupil name is
/// anywhere the hub writes except the drops and quarantine containers, where the schools' own uploads live.
/// </summary>
public sealed class EarlyWarningOnTheSampleDataset : IAsyncLifetime
{
    private static readonly DateOnly GeneratedAsOf = new(2025, 9, 1);
    private FreshAzurite _storage = null!;
    private TestHub _hub = null!;
    private GeneratedDataset _dataset = null!;
    private DateOnly _termEnd;

    private Action<Microsoft.Extensions.Hosting.HostApplicationBuilder> Settings(params (string Name, string Value)[] extra) =>
        OperationsSettings.Configure(_storage.ConnectionString, extra.ToDictionary(e => e.Name, e => (string?)e.Value));

    public async Task InitializeAsync()
    {
        var folder = Directory.CreateTempSubdirectory("backontrack-earlywarning-").FullName;
        try
        {
            _dataset = SampleDatasetGenerator.Generate(folder, GeneratedAsOf);
            _termEnd = _dataset.AttendanceTo;
            _storage = FreshAzurite.Start();
            _hub = await TestHub.StartAsync(_storage.ConnectionString, GeneratedAsOf);
            await DropUploads.UploadFolderAsync(_hub.Storage.BlobService, folder, CancellationToken.None);
            await _hub.RunOnceAsync(withTimers: true);
            await RecomputeOn(_termEnd.AddDays(-7)).RecomputeAllAsync(CancellationToken.None);
            await RecomputeOn(_termEnd).RecomputeAllAsync(CancellationToken.None);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _storage.Dispose();
    }

    private RecomputeEarlyWarningsUseCase RecomputeOn(DateOnly date) => new(
        _hub.Services.GetRequiredService<IEarlyWarningFacts>(),
        _hub.Services.GetRequiredService<IEarlyWarnings>(),
        _hub.Services.GetRequiredService<MetricFactsReader>(),
        _hub.Services.GetRequiredService<DataDropStore>(),
        _hub.Services.GetRequiredService<IOptions<EarlyWarningOptions>>(),
        AsOfTimeProvider.OnDate(date),
        NullLogger<RecomputeEarlyWarningsUseCase>.Instance);

    private PlantedEarlyWarning Planted(EarlyWarningPath path) => Assert.Single(_dataset.EarlyWarnings, p => p.Path == path);

    private string KeyOf(EarlyWarningPath path) =>
        _hub.Services.GetRequiredService<PupilKeyLookup>().KeyFor(Upn.TryParse(Planted(path).Upn, out var upn, out _) ? upn : throw new InvalidOperationException("Not a UPN.")).Value;

    private async Task<Dictionary<string, EarlyWarningFlag>> RowsAsync() =>
        (await _hub.Services.GetRequiredService<IEarlyWarnings>().ReadSchoolAsync(Laestab.Parse(Planted(EarlyWarningPath.Cleared).Laestab), CancellationToken.None))
        .ToDictionary(s => s.Flag.PupilKey, s => s.Flag, StringComparer.Ordinal);

    [Fact]
    public async Task EachPlantedPupilTakesItsPathThroughTheWeeklyRecompute()
    {
        var rows = await RowsAsync();

        var excluded = rows[KeyOf(EarlyWarningPath.FlaggedThenExcluded)];
        Assert.Equal((true, EarlyWarningStatus.Continuing, "10"), (excluded.Flagged, excluded.Status, excluded.NcYear));
        Assert.Contains(EarlyWarningReason.RepeatSuspensions, excluded.Reasons);
        Assert.Contains(EarlyWarningReason.PersistentAbsence, excluded.Reasons);
        Assert.True(Planted(EarlyWarningPath.FlaggedThenExcluded).FlaggedFrom <= _termEnd.AddDays(-7));

        var cleared = rows[KeyOf(EarlyWarningPath.Cleared)];
        Assert.Equal((false, EarlyWarningStatus.Cleared), (cleared.Flagged, cleared.Status));
        Assert.InRange(Planted(EarlyWarningPath.Cleared).ClearedFrom!.Value, _termEnd.AddDays(-6), _termEnd);

        Assert.False(rows.ContainsKey(KeyOf(EarlyWarningPath.AttendanceAlone)));
        Assert.False(rows.ContainsKey(KeyOf(EarlyWarningPath.BehaviourOnly)));
    }

    [Fact]
    public async Task TheVerbListsTheTableAndAReplayByPupilKeyAndASettingMakesSevereAbsenceEnoughAlone()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await EarlyWarningCommand.ListAsync(null, null, stdout, stderr, Settings(), CancellationToken.None));
        var table = stdout.ToString();
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"as the last recompute left them (as of {_termEnd:yyyy-MM-dd})"), table, StringComparison.Ordinal);
        Assert.Matches($"{KeyOf(EarlyWarningPath.FlaggedThenExcluded)} 10 +Continuing .*RepeatSuspensions \\(2, ", table);
        Assert.Matches($"{KeyOf(EarlyWarningPath.Cleared)} 8 +Cleared", table);

        using var replay = new StringWriter();
        Assert.Equal(0, await EarlyWarningCommand.ListAsync(null, _termEnd, replay, stderr, Settings(), CancellationToken.None));
        Assert.Matches($"{KeyOf(EarlyWarningPath.FlaggedThenExcluded)} 10 +Continuing +- ", replay.ToString());
        Assert.Matches($"{KeyOf(EarlyWarningPath.Cleared)} 8 +Cleared", replay.ToString());
        Assert.DoesNotContain(KeyOf(EarlyWarningPath.AttendanceAlone), replay.ToString(), StringComparison.Ordinal);

        using var alone = new StringWriter();
        Assert.Equal(0, await EarlyWarningCommand.ListAsync(null, _termEnd, alone, stderr, Settings(("EarlyWarning:SufficientAlone", "SevereAbsence")), CancellationToken.None));
        Assert.Matches($"{KeyOf(EarlyWarningPath.AttendanceAlone)} 9 +Continuing .*SevereAbsence", alone.ToString());
        Assert.DoesNotContain(KeyOf(EarlyWarningPath.BehaviourOnly), alone.ToString(), StringComparison.Ordinal);
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public async Task TheBacktestFindsThePlantedExclusionFlaggedWeeksBefore()
    {
        var result = await _hub.Services.GetRequiredService<EarlyWarningReview>().BacktestAsync(_dataset.AcademicYear, 28, BacktestInterval.Monthly, CancellationToken.None);

        var flag = result.Outcomes[BacktestOutcome.PermanentExclusion].Single(r => r.Rule == EarlyWarningBacktest.FlagRule);
        // Every permanent exclusion of the year is a different pupil's; the PRU has none, so the LA's row counts them all.
        Assert.Equal(_dataset.TruthFor(Core.Drops.DropLocation.LaScope).PermanentExclusions, flag.Pupils);
        Assert.True(flag.Caught >= 1, "The planted pupil was flagged at the end of November and excluded at the end of January.");
        Assert.True(flag.MedianLeadDays >= 28);
        Assert.Equal(11, result.AsOfDates.Count);

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await EarlyWarningCommand.BacktestAsync(_dataset.AcademicYear, 28, BacktestInterval.Monthly, json: true, null, stdout, stderr, Settings(), CancellationToken.None));
        using var json = JsonDocument.Parse(stdout.ToString());
        var row = json.RootElement.GetProperty("outcomes").GetProperty("PermanentExclusion").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "Flag");
        Assert.Equal(flag.Caught, row.GetProperty("flaggedBefore").GetInt32());

        using var text = new StringWriter();
        Assert.Equal(0, await EarlyWarningCommand.BacktestAsync(_dataset.AcademicYear, 28, BacktestInterval.Monthly, json: false, null, text, stderr, Settings(), CancellationToken.None));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"In plain words: of {flag.Pupils} pupil(s) permanently excluded, the flag rule had flagged {flag.Caught} at least 28 days beforehand"), text.ToString(), StringComparison.Ordinal);
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public async Task TheSchoolsRollCheckAnswersItsFlaggedPupilByUpn()
    {
        var school = Planted(EarlyWarningPath.FlaggedThenExcluded).Laestab;
        var key = await _hub.Services.GetRequiredService<ISchoolKeys>().IssueAsync(Laestab.Parse(school), DateTimeOffset.UtcNow, CancellationToken.None);

        var answer = await _hub.Services.GetRequiredService<EarlyWarningRollQuery>().CheckAsync(school, key.ToString(),
            new EarlyWarningRollRequest([.. _dataset.EarlyWarnings.Select(p => (string?)p.Upn)]), CancellationToken.None);

        Assert.Equal(SchoolRequestOutcome.Ok, answer.Outcome);
        Assert.Equal(1, answer.Value!.Flagged);
        Assert.Equal([Planted(EarlyWarningPath.FlaggedThenExcluded).Upn, Planted(EarlyWarningPath.Cleared).Upn], answer.Value.Pupils.Select(p => p.Upn));
    }

    [Fact]
    public async Task OverHttpTheSchoolPostsItsRollAsACsvFileAndReadsItsFlaggedPupilByUpn()
    {
        var school = Planted(EarlyWarningPath.FlaggedThenExcluded).Laestab;
        var key = await _hub.Services.GetRequiredService<ISchoolKeys>().IssueAsync(Laestab.Parse(school), DateTimeOffset.UtcNow, CancellationToken.None);
        var roll = "UPN,Year group\r\n" + string.Concat(_dataset.EarlyWarnings.Select(p => p.Upn + ",10\r\n"));
        using var http = new HttpClient { BaseAddress = _hub.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/schools/{school}/early-warning") { Content = new StringContent(roll, System.Text.Encoding.UTF8, "text/csv") };
        request.Headers.Add("X-School-Key", key.ToString());

        using var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((4, 1), (body.RootElement.GetProperty("checked").GetInt32(), body.RootElement.GetProperty("flagged").GetInt32()));
        var first = body.RootElement.GetProperty("pupils")[0];
        Assert.Equal((Planted(EarlyWarningPath.FlaggedThenExcluded).Upn, true), (first.GetProperty("upn").GetString(), first.GetProperty("flagged").GetBoolean()));
        Assert.Contains(first.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("reason").GetString() == "RepeatSuspensions");
    }

    [Fact]
    public async Task OverHttpARollWithABadUpnIsA400NamingItsLineWithoutRepeatingItAndNoKeyIsA401()
    {
        var school = Planted(EarlyWarningPath.FlaggedThenExcluded).Laestab;
        var key = await _hub.Services.GetRequiredService<ISchoolKeys>().IssueAsync(Laestab.Parse(school), DateTimeOffset.UtcNow, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = _hub.Address };
        var json = JsonSerializer.Serialize(new { upns = new[] { Planted(EarlyWarningPath.Cleared).Upn, "NOT-A-UPN-42" } });

        using var withKey = new HttpRequestMessage(HttpMethod.Post, $"api/schools/{school}/early-warning") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        withKey.Headers.Add("X-School-Key", key.ToString());
        using var invalid = await http.SendAsync(withKey);
        var text = await invalid.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, invalid.StatusCode);
        using (var problem = JsonDocument.Parse(text))
        {
            Assert.Equal(2, Assert.Single(problem.RootElement.GetProperty("problems").EnumerateArray()).GetProperty("line").GetInt32());
        }

        Assert.DoesNotContain("NOT-A-UPN-42", text, StringComparison.Ordinal);

        using var noKey = await http.PostAsync(new Uri($"api/schools/{school}/early-warning", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task TheBoardPackCountsTheFlaggedPupilsWithOneShownAsX()
    {
        var useCase = _hub.Services.GetRequiredService<Application.BoardPack.BoardPackUseCase>();

        var input = await useCase.GatherAsync(_termEnd, CancellationToken.None);
        var section = Core.BoardPack.BoardPackBuilder.Build(input).EarlyWarnings!;

        var school = Planted(EarlyWarningPath.FlaggedThenExcluded).Laestab;
        Assert.Equal(2, input.EarlyWarnings!.Count(r => r.Laestab == school));
        Assert.Equal(1, input.EarlyWarnings!.Count(r => r.Flagged && r.Laestab == school));
        Assert.InRange(input.EarlyWarnings!.Count(r => r.Flagged), 1, 2);
        Assert.Equal("x", section.FlaggedTotal.Text);
        Assert.Equal("x", Assert.Single(section.Schools, s => s.Laestab == school).Flagged.Text);
    }

    [Fact]
    public async Task NoUpnOrPupilNameIsInAnyTableOrBlobOutsideTheSchoolsOwnUploads()
    {
        // The verbs' output is scanned too: the operator's screen is no place for a UPN either.
        using var stdout = new StringWriter();
        await EarlyWarningCommand.ListAsync(null, _termEnd, stdout, TextWriter.Null, Settings(), CancellationToken.None);
        await EarlyWarningCommand.ListAsync(null, null, stdout, TextWriter.Null, Settings(), CancellationToken.None);
        var outputs = new List<(string Where, string Text)> { ("early-warning verb", stdout.ToString()) };
        foreach (var table in HubStorageNames.Tables.All)
        {
            foreach (var entity in await _hub.Tables().QueryAllAsync(table))
            {
                outputs.Add(($"table {table} {entity.PartitionKey}/{entity.RowKey}", $"{entity.PartitionKey} {entity.RowKey} " +
                    string.Join(" ", TableSnapshots.Properties(entity).Select(p => Convert.ToString(p.Value is byte[] b ? Convert.ToBase64String(b) : p.Value, CultureInfo.InvariantCulture)))));
            }
        }

        foreach (var container in HubStorageNames.Containers.All.Except([HubStorageNames.Containers.Drops, HubStorageNames.Containers.Quarantine]))
        {
            await foreach (var blob in _hub.Storage.ListAsync(container))
            {
                using var download = await _hub.Storage.OpenReadAsync(container, blob.Name);
                outputs.Add(($"blob {container}/{blob.Name}", blob.Name + " " + await new StreamReader(download).ReadToEndAsync()));
            }
        }

        outputs.AddRange(_hub.Logs.Lines.Select(line => ("log line", line)));
        Assert.Contains(outputs, o => o.Where.StartsWith("table EarlyWarnings", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Where.StartsWith("blob reports/", StringComparison.Ordinal));
        foreach (var pupil in _dataset.Pupils)
        {
            foreach (var (where, text) in outputs)
            {
                Assert.False(text.Contains(pupil.Upn, StringComparison.OrdinalIgnoreCase), $"A UPN appears in {where}.");
                Assert.False(text.Contains($"{pupil.Forename} {pupil.Surname}", StringComparison.OrdinalIgnoreCase), $"A pupil's name appears in {where}.");
                Assert.False(text.Contains($"{pupil.Surname}, {pupil.Forename}", StringComparison.OrdinalIgnoreCase), $"A pupil's name appears in {where}.");
            }
        }
    }
}
