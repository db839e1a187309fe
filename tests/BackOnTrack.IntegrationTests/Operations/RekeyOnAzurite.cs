using System.Security.Cryptography;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Cli.Operations;
using BackOnTrack.Application.Operations;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Tests.Processes;

namespace BackOnTrack.IntegrationTests.Operations;

/// <summary><c>rekey</c>: interrupted and resumed equals uninterrupted, and drops after the rotation link to the same pupils.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class RekeyOnAzurite : IDisposable
{
    private const string School = "3759876";
    private const string NextKey = "bmV4dC10ZXN0LW9ubHktcHNldWRvbnltaXNhdGlvbi1rZXk=";
    private readonly FreshAzurite _uninterrupted = SecondAzurite.Start();
    private readonly FreshAzurite _interrupted = SecondAzurite.Start();
    private readonly PupilDrops _pupils = new(School, "Mentoring");

    public void Dispose()
    {
        _uninterrupted.Dispose();
        _interrupted.Dispose();
    }

    private static Dictionary<string, string?> Rotating => new() { ["Hub:NextPseudonymisationKey"] = NextKey };

    private static Dictionary<string, string?> Rotated => new()
    {
        ["Hub:PseudonymisationKey"] = NextKey,
        ["Hub:PreviousPseudonymisationKeys"] = TestHub.TestKey,
    };

    private async Task SeedAsync(FreshAzurite azurite)
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString, new DateOnly(2025, 7, 31));
        await _pupils.UploadAndIngestAsync(hub);
    }

    [Fact]
    public async Task AnInterruptedThenResumedRunEqualsAnUninterruptedOneAndLaterDropsLinkToTheSamePupils()
    {
        await SeedAsync(_uninterrupted);
        await SeedAsync(_interrupted);
        using var output = new StringWriter();

        Assert.Equal(0, await RekeyCommand.RunAsync("platform engineer", output, null, OperationsSettings.Configure(_uninterrupted.ConnectionString, Rotating), CancellationToken.None));
        using var stop = new CancellationTokenSource();
        var commits = 0;
        var afterFirstCommit = new SynchronousProgress(_ => { if (++commits == 1) { stop.Cancel(); } });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            RekeyCommand.RunAsync("platform engineer", output, afterFirstCommit, OperationsSettings.Configure(_interrupted.ConnectionString, Rotating), stop.Token));
        Assert.Equal(0, await RekeyCommand.RunAsync("platform engineer", output, null, OperationsSettings.Configure(_interrupted.ConnectionString, Rotating), CancellationToken.None));

        string[] rekeyed = [.. HubStorageNames.Tables.PupilRows, HubStorageNames.Tables.KeyRotations];
        var expected = await AccountSnapshot.OfAsync(_uninterrupted.Tables(), rekeyed);
        Assert.Equal(expected.Select(WithoutTimes), (await AccountSnapshot.OfAsync(_interrupted.Tables(), rekeyed)).Select(WithoutTimes));

        var oldKey = KeyUnder([Convert.FromBase64String(TestHub.TestKey)], _pupils.Erased);
        var newKey = KeyUnder([Convert.FromBase64String(TestHub.TestKey), Convert.FromBase64String(NextKey)], _pupils.Erased);
        Assert.DoesNotContain(expected, l => l.Contains(oldKey, StringComparison.Ordinal));
        Assert.Equal(2 + 3 + 1, expected.Count(l => l.Contains(newKey, StringComparison.Ordinal)));

        // After the settings switch, the UPN looks up the re-keyed key, and a new drop's rows join the pupil's old ones.
        using var lookup = new StringWriter();
        await PupilCommand.KeyAsync(_pupils.Erased, lookup, OperationsSettings.Configure(_interrupted.ConnectionString, Rotated), CancellationToken.None);
        Assert.Equal(newKey, lookup.ToString().Trim());
        await using var hub = await TestHub.StartAsync(_interrupted.ConnectionString, new DateOnly(2025, 7, 31), Rotated);
        await hub.Storage.UploadAsync(HubStorageNames.Containers.Drops, $"{School}/more-exclusions.csv",
            System.Text.Encoding.UTF8.GetBytes($"UPN,Year Group,Exclusion Type,Start Date,Sessions,Reason Code\n{_pupils.Erased},Year 8,Suspension,10/06/2025,2,PA\n"));
        await hub.SendBlobCreatedAsync($"{School}/more-exclusions.csv");
        Assert.True((await hub.RunOnceAsync(withTimers: false)).AllSucceeded);
        var rows = await TableSnapshots.EntitiesAsync(_interrupted.Tables(), HubStorageNames.Tables.Exclusions, $"{School}_2024-25");
        Assert.Equal(3, rows.Count(r => r.GetString("PupilKey") == newKey));
    }

    [Fact]
    public async Task RunningTheFinishedRotationAgainChangesNothingAndABadNextKeyIsRefused()
    {
        await SeedAsync(_uninterrupted);
        using var output = new StringWriter();
        await RekeyCommand.RunAsync("engineer", output, null, OperationsSettings.Configure(_uninterrupted.ConnectionString, Rotating), CancellationToken.None);
        var after = await AccountSnapshot.OfAsync(_uninterrupted.Tables(), HubStorageNames.Tables.PupilRows);

        Assert.Equal(0, await RekeyCommand.RunAsync("engineer", output, null, OperationsSettings.Configure(_uninterrupted.ConnectionString, Rotating), CancellationToken.None));
        Assert.Equal(1, await RekeyCommand.RunAsync("engineer", output, null, OperationsSettings.Configure(_uninterrupted.ConnectionString, new Dictionary<string, string?> { ["Hub:NextPseudonymisationKey"] = TestHub.TestKey }), CancellationToken.None));

        Assert.Equal(after, await AccountSnapshot.OfAsync(_uninterrupted.Tables(), HubStorageNames.Tables.PupilRows));
        Assert.Contains("already finished", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("not a key already in use", output.ToString(), StringComparison.Ordinal);
    }

    private static string KeyUnder(byte[][] chain, string upn)
    {
        Assert.True(Upn.TryParse(upn, out var parsed, out _));
        using var pseudonymiser = new Pseudonymiser(chain);
        return pseudonymiser.KeyFor(parsed).Value;
    }

    // The rotation record's StartedAt/CompletedAt differ from run to run; everything else must not.
    private static string WithoutTimes(string line) =>
        line.StartsWith(HubStorageNames.Tables.KeyRotations, StringComparison.Ordinal) ? line[..line.IndexOf(':', StringComparison.Ordinal)] + line[line.IndexOf("State:", StringComparison.Ordinal)..] : line;

    private sealed class SynchronousProgress(Action<RekeyProgress> report) : IProgress<RekeyProgress>
    {
        public void Report(RekeyProgress value) => report(value);
    }
}
