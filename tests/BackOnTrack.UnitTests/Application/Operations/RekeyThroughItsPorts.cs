using System.Security.Cryptography;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Operations;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using BackOnTrack.Tests.Ports;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.UnitTests.Application.Operations;

public sealed class RekeyThroughItsPorts
{
    private const string CurrentKey = "dGVzdC1vbmx5LXBzZXVkb255bWlzYXRpb24ta2V5LTAwMDE=";
    private const string NextKey = "bmV4dC10ZXN0LW9ubHktcHNldWRvbnltaXNhdGlvbi1rZXk=";
    private static readonly string Pupil = new('a', 32);
    private static readonly string Version = RekeyUseCase.Fingerprint(Convert.FromBase64String(NextKey));

    private readonly InMemoryPupilRows _rows = new();
    private readonly InMemoryKeyRotations _rotations = new();
    private readonly InMemoryOperationsAudit _audit = new();
    private readonly FakeClock _clock = new();

    private RekeyUseCase UseCase(string next = NextKey) => new(
        _rows,
        _rotations,
        _audit,
        Options.Create(new HubOptions { PseudonymisationKey = CurrentKey, NextPseudonymisationKey = next }),
        _clock,
        NullLogger<RekeyUseCase>.Instance);

    private static string Rekeyed(string key)
    {
        using var layer = new HMACSHA256(Convert.FromBase64String(NextKey));
        Assert.True(PupilKey.TryParse(key, out var parsed));
        return Pseudonymiser.Layer(layer, parsed).Value;
    }

    private void SeedOnePupil()
    {
        _rows.Rows.Add(new StoredPupilRow("Exclusions", "3751234_2024-25", $"{Pupil}_20241104_FIXD", PupilKey: Pupil));
        _rows.Rows.Add(new StoredPupilRow("Attendance", "3751234_2024-25", $"M_{Pupil}_202409", PupilKey: Pupil));
        _rows.Rows.Add(new StoredPupilRow("Cohorts", "Nurture", Pupil));
    }

    [Fact]
    public async Task MovesEveryPupilTableToTheNextKeyAndRecordsTheRunRunningThenComplete()
    {
        SeedOnePupil();

        var outcome = await UseCase().RekeyAsync("engineer", null, CancellationToken.None);

        Assert.Equal(RekeyResult.Completed, outcome.Result);
        Assert.Equal(new Dictionary<string, long> { ["Exclusions"] = 1, ["Attendance"] = 1, ["Cohorts"] = 1 }, outcome.RowsRekeyed);
        var newKey = Rekeyed(Pupil);
        Assert.Equal(
            [$"{newKey}_20241104_FIXD", $"M_{newKey}_202409", newKey],
            _rows.Rows.Select(r => r.RowKey));
        Assert.All(_rows.Rows, r => Assert.Equal(Version, r.KeyVersion));
        Assert.Equal([(Version, KeyRotationState.Running), (Version, KeyRotationState.Complete)], _rotations.Recorded.Select(r => (r.Version, r.State)));
        var audit = Assert.Single(_audit.Entries);
        Assert.Equal((RekeyUseCase.Operation, "engineer", $"to key {Version}"), (audit.Operation, audit.By, audit.Reason));
        Assert.Equal(1, audit.Counts["Cohorts"]);
    }

    [Fact]
    public async Task ReportsEachCommitWithTheTableAndItsRowsSoFar()
    {
        SeedOnePupil();
        var reports = new List<RekeyProgress>();

        await UseCase().RekeyAsync("engineer", new Recording(reports), CancellationToken.None);

        Assert.Equal([new RekeyProgress("Exclusions", 1), new RekeyProgress("Attendance", 1), new RekeyProgress("Cohorts", 1)], reports);
    }

    [Fact]
    public async Task AResumedRunMovesOnlyTheRowsTheInterruptedOneLeft()
    {
        SeedOnePupil();
        _rows.Rows[0] = _rows.Rows[0] with { RowKey = $"{Rekeyed(Pupil)}_20241104_FIXD", PupilKey = Rekeyed(Pupil), KeyVersion = Version };
        await _rotations.RecordAsync(Version, KeyRotationState.Running, _clock.GetUtcNow(), CancellationToken.None);

        var outcome = await UseCase().RekeyAsync("engineer", null, CancellationToken.None);

        Assert.Equal(RekeyResult.Completed, outcome.Result);
        Assert.Equal(0, outcome.RowsRekeyed["Exclusions"]);
        Assert.Equal(Rekeyed(Pupil), _rows.Rows[0].PupilKey);
        Assert.All(_rows.Rows, r => Assert.Contains(Rekeyed(Pupil), r.RowKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangesNothingWhenTheRotationToThisKeyHasFinished()
    {
        SeedOnePupil();
        await _rotations.RecordAsync(Version, KeyRotationState.Complete, _clock.GetUtcNow(), CancellationToken.None);

        var outcome = await UseCase().RekeyAsync("engineer", null, CancellationToken.None);

        Assert.Equal(RekeyResult.AlreadyComplete, outcome.Result);
        Assert.Empty(_rows.Rekeys);
        Assert.Empty(_audit.Entries);
    }

    [Fact]
    public async Task WaitsForARotationToAnotherKeyThatHasNotFinished()
    {
        await _rotations.RecordAsync("0123456789abcdef", KeyRotationState.Running, _clock.GetUtcNow(), CancellationToken.None);

        var outcome = await UseCase().RekeyAsync("engineer", null, CancellationToken.None);

        Assert.Equal(RekeyResult.OtherRotationRunning, outcome.Result);
        Assert.Empty(_rows.Rekeys);
        Assert.Single(_rotations.Recorded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64")]
    [InlineData(CurrentKey)]
    public async Task RefusesAMissingInvalidOrAlreadyUsedNextKeyWithoutTouchingAnything(string next)
    {
        SeedOnePupil();

        var outcome = await UseCase(next).RekeyAsync("engineer", null, CancellationToken.None);

        Assert.Equal(RekeyResult.InvalidNextKey, outcome.Result);
        Assert.Empty(_rows.Rekeys);
        Assert.Empty(_rotations.Recorded);
    }

    /// <summary>Records each report as it is made (<see cref="Progress{T}"/> would post it to the thread pool).</summary>
    private sealed class Recording(List<RekeyProgress> reports) : IProgress<RekeyProgress>
    {
        public void Report(RekeyProgress value) => reports.Add(value);
    }
}
