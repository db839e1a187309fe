using Microsoft.Extensions.Hosting;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Cli.Operations;
using BackOnTrack.Application.Operations;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.Operations;

/// <summary><c>pupil key</c> and <c>pupil erase</c> on Azurite, after the hub ingested a pupil into every pupil table.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class PupilVerbsOnAzurite(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _school = AzuriteFixture.UniqueSchool();
    private readonly string _cohort = "Erasure-" + AzuriteFixture.UniqueName("c");
    private TestHub _hub = null!;
    private PupilDrops _pupils = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(azurite, new DateOnly(2025, 7, 31));
        _pupils = new PupilDrops(_school, _cohort);
        await _pupils.UploadAndIngestAsync(_hub);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private Action<Microsoft.Extensions.Hosting.HostApplicationBuilder> Settings => OperationsSettings.Configure(azurite.ConnectionString);

    private async Task<string> KeyOfAsync(string upn)
    {
        using var output = new StringWriter();
        Assert.Equal(0, await PupilCommand.KeyAsync(upn, output, Settings, CancellationToken.None));
        return output.ToString().Trim();
    }

    [Fact]
    public async Task PrintsThePupilKeyTheTablesHold()
    {
        var key = await KeyOfAsync(_pupils.Erased.ToLowerInvariant());

        var rows = await TableSnapshots.EntitiesAsync(_hub.Tables(), HubStorageNames.Tables.Exclusions, $"{_school}_2024-25");
        Assert.Equal(2, rows.Count(r => r.GetString("PupilKey") == key));
    }

    [Fact]
    public async Task RefusesAnInvalidUpnWithoutRepeatingIt()
    {
        using var output = new StringWriter();

        var refused = await Assert.ThrowsAsync<UsageException>(() => PupilCommand.KeyAsync("F372402119009", output, Settings, CancellationToken.None));
        Assert.DoesNotContain("F372402119009", refused.Message + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErasureLeavesNoRowTheKeyOrUpnCanFindAndKeepsTheOtherPupil()
    {
        var erased = await KeyOfAsync(_pupils.Erased);
        var kept = await KeyOfAsync(_pupils.Kept);
        Assert.NotEmpty(await RowsMentioningAsync(erased));
        var before = (await RowsMentioningAsync(kept)).Count;
        using var output = new StringWriter();

        var exit = await PupilCommand.EraseAsync(_pupils.Erased, "SEMH data officer", "Erasure request ER-2025-014", output, Settings, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("Exclusions 2, Attendance 3, Cohorts 1", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(await RowsMentioningAsync(erased));
        Assert.Empty(await RowsMentioningAsync(_pupils.Erased));
        Assert.Equal(before, (await RowsMentioningAsync(kept)).Count);
        var entry = (await new OperationsAuditStore(_hub.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>()).ListAsync(ErasePupilUseCase.Operation, CancellationToken.None))
            .First(e => e.Reason == "Erasure request ER-2025-014");
        Assert.Equal(6, entry.Counts.Where(c => c.Key != "MetricsRequests").Sum(c => c.Value));
        var requests = await _hub.Storage.PeekAsync(HubStorageNames.Queues.MetricsRequests);
        Assert.Contains(requests, m => m.Contains(_school, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ErasingAgainRemovesNothingMore()
    {
        var key = await KeyOfAsync(_pupils.Erased);
        using var first = new StringWriter();
        using var second = new StringWriter();

        await PupilCommand.EraseAsync(key, "officer", "request 1", first, Settings, CancellationToken.None);
        await PupilCommand.EraseAsync(key, "officer", "request 1 again", second, Settings, CancellationToken.None);

        Assert.Contains("6 rows removed", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("0 rows removed", second.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAReasonThatNamesThePupil()
    {
        using var output = new StringWriter();

        var refused = await Assert.ThrowsAsync<UsageException>(() => PupilCommand.EraseAsync(_pupils.Erased, "officer", $"request for {_pupils.Erased}", output, Settings, CancellationToken.None));
        Assert.DoesNotContain(_pupils.Erased, refused.Message, StringComparison.Ordinal);
        Assert.NotEmpty(await RowsMentioningAsync(await KeyOfAsync(_pupils.Erased)));
    }

    /// <summary>Every row of every hub table whose keys or text properties contain <paramref name="text"/> (ignoring case).</summary>
    private async Task<List<string>> RowsMentioningAsync(string text)
    {
        var found = new List<string>();
        foreach (var table in HubStorageNames.Tables.All)
        {
            foreach (var row in await _hub.Tables().QueryAllAsync(table))
            {
                if (new[] { row.PartitionKey, row.RowKey }.Concat(TableSnapshots.Properties(row).Select(p => p.Value as string ?? "")).Any(v => v.Contains(text, StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add($"{table}/{row.PartitionKey}/{row.RowKey}");
                }
            }
        }

        return found;
    }
}
