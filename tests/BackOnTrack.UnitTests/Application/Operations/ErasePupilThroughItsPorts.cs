using System.Text.Json;
using BackOnTrack.Application.Operations;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Messages;
using BackOnTrack.Storage.Messages;
using BackOnTrack.Tests.Ports;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.UnitTests.Application.Operations;

public sealed class ErasePupilThroughItsPorts
{
    private static readonly string Erased = new('a', 32);
    private static readonly string Other = new('b', 32);

    private readonly InMemoryPupilRows _rows = new();
    private readonly SdkClientMocks _sdk = new();
    private readonly InMemoryEarlyWarnings _earlyWarnings = new();
    private readonly InMemoryOperationsAudit _audit = new();

    public ErasePupilThroughItsPorts()
    {
        _rows.Rows.AddRange(
        [
            new("Exclusions", "3751234_2024-25", $"{Erased}_20241104_FIXD", PupilKey: Erased),
            new("Exclusions", "3751234_2024-25", $"{Other}_20241104_FIXD", PupilKey: Other),
            new("Attendance", "3755678_2023-24", $"M_{Erased}_202402", PupilKey: Erased),
            new("Cohorts", "Nurture", Erased, Laestab: "3759999", StartDate: new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero)),
            new("Cohorts", "Nurture", Other, Laestab: "3759999", StartDate: new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero)),
        ]);
    }

    private ErasePupilUseCase UseCase() => new(
        _rows,
        new MetricsRequestSender(_sdk.Queue()),
        _earlyWarnings,
        _audit,
        new FakeClock(),
        NullLogger<ErasePupilUseCase>.Instance);

    private static PupilKey Key(string value)
    {
        Assert.True(PupilKey.TryParse(value, out var key));
        return key;
    }

    [Fact]
    public async Task RemovesThePupilsRowsFromEveryPupilTableAndAsksForTheMetricsOfEverySchoolYearTheyDescribed()
    {
        var result = await UseCase().EraseAsync(Key(Erased), "officer", "subject access", CancellationToken.None);

        Assert.Equal(new Dictionary<string, int> { ["Exclusions"] = 1, ["Attendance"] = 1, ["Cohorts"] = 1, ["EarlyWarnings"] = 0 }, result.RowsRemoved);
        Assert.All(_rows.Rows, r => Assert.Contains(Other, r.RowKey, StringComparison.Ordinal));
        Assert.Equal(2, _rows.Rows.Count);
        string[] schoolYears = ["3751234|2024-25", "3755678|2023-24", "3759999|2024-25", "LA|2024-25"];
        Assert.Equal(schoolYears.Order(StringComparer.Ordinal).Select(y => MetricsRequest.FromSchoolYear(y).Serialize()), _sdk.Sent);
        Assert.Equal(4, result.MetricsRequests);
    }

    [Fact]
    public async Task AuditsTheCountsWhoAndWhyAndNoIdentifier()
    {
        await UseCase().EraseAsync(Key(Erased), "officer", "subject access", CancellationToken.None);

        var audit = Assert.Single(_audit.Entries);
        Assert.Equal((ErasePupilUseCase.Operation, "officer", "subject access"), (audit.Operation, audit.By, audit.Reason));
        Assert.Equal(4, audit.Counts["MetricsRequests"]);
        Assert.DoesNotContain(Erased, JsonSerializer.Serialize(audit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErasingAgainRemovesNothingMoreAndAsksForNoMetrics()
    {
        await UseCase().EraseAsync(Key(Erased), "officer", "subject access", CancellationToken.None);
        _sdk.Sent.Clear();

        var again = await UseCase().EraseAsync(Key(Erased), "officer", "subject access", CancellationToken.None);

        Assert.Equal(0, again.TotalRows);
        Assert.Equal(0, again.MetricsRequests);
        Assert.Empty(_sdk.Sent);
    }
}
