using BackOnTrack.Application.Operations;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Returns;
using BackOnTrack.Tests.Ports;
using BackOnTrack.UnitTests.Support;

namespace BackOnTrack.UnitTests.Application.Operations;

/// <summary>The returns tracker's term, from the register and the drops registry held in memory.</summary>
public sealed class ReturnsTrackerThroughItsPorts
{
    private static readonly DateTimeOffset Now = new(2025, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly AcademicYear Year = AcademicYear.Parse("2025-26");

    private readonly InMemorySchoolRegister _register = new();
    private readonly InMemoryDropRegistry _drops = new();

    private ReturnsTrackerUseCase UseCase() => new(_register, _drops, new FakeClock(Now));

    private Task Received(string school, string dropId, DropStatus status, DateTimeOffset at) => _drops.SaveAsync(
        new DataDrop { Scope = school, DropId = dropId, BlobName = $"{school}/exclusions.csv", Status = status, Kind = "Exclusions", ReceivedAt = at, ProcessedAt = at },
        CancellationToken.None);

    [Fact]
    public void TheCurrentTermIsTheOneTheHubsClockIsIn()
    {
        Assert.Equal((Year, Period.Autumn), UseCase().CurrentTerm());
    }

    [Fact]
    public async Task ASchoolIsMissingUntilOneOfItsDropsThisTermIsAcceptedAndAnUnregisteredSenderIsStillListed()
    {
        _register.Schools.AddRange([new(Year, "3724001", "Abbey Primary", "Primary"), new(Year, "3724002", "Brook Academy", "Secondary")]);
        await Received("3724001", "d1", DropStatus.Processed, Now.AddDays(-3));
        await Received("3724002", "d2", DropStatus.Rejected, Now.AddDays(-2));
        await Received("3724002", "d0", DropStatus.Processed, new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.Zero));
        await Received("3729999", "d3", DropStatus.Processed, Now.AddDays(-1));

        var returns = await UseCase().ForTermAsync(Year, Period.Autumn, CancellationToken.None);

        Assert.Equal(["3724001", "3724002", "3729999"], returns.Schools.Select(s => s.Laestab));
        Assert.Equal(["3724002"], returns.Missing.Select(s => s.Laestab));
        Assert.False(returns.Schools.Single(s => s.Laestab == "3729999").InRegister);
        Assert.Equal(["d2"], returns.Schools.Single(s => s.Laestab == "3724002").Drops.Select(d => d.DropId));
    }
}
