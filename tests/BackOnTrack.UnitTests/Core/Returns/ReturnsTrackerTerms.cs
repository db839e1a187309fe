using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Returns;

namespace BackOnTrack.UnitTests.Core.Returns;

public class ReturnsTrackerTerms
{
    private static readonly AcademicYear Year = AcademicYear.Parse("2025-26");

    private static readonly RegisteredSchool[] Register =
    [
        new(AcademicYear.Parse("2024-25"), "3721100", "Maple Primary", "Primary"),
        new(AcademicYear.Parse("2024-25"), "3724001", "Oak Academy", "Secondary"),
        new(AcademicYear.Parse("2023-24"), "3729999", "Closed School", "Primary"),
    ];

    private static ReceivedDrop Drop(string scope, string kind, DropStatus status, DateTime received) =>
        new(scope, Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), $"{scope}/{kind}.csv", kind, status, new DateTimeOffset(received, TimeSpan.Zero), null, 10);

    [Fact]
    public void PlansAndDfeStatisticsAreNotSchools()
    {
        var returns = ReturnsTracker.ForTerm(
            Register,
            [Drop("plans", "ActionPlan", DropStatus.Processed, new DateTime(2026, 2, 3)), Drop("benchmarks", "Benchmarks", DropStatus.Processed, new DateTime(2026, 2, 3))],
            Year,
            Period.Spring);

        Assert.All(returns.Schools, s => Assert.True(s.InRegister));
        Assert.DoesNotContain(returns.Schools, s => s.Laestab is "plans" or "benchmarks");
    }

    [Fact]
    public void TakesTheLatestRegisterNotAfterTheYearAndFlagsSchoolsWithNoAcceptedDrop()
    {
        var returns = ReturnsTracker.ForTerm(Register, [Drop("3721100", "Exclusions", DropStatus.Processed, new DateTime(2026, 2, 3)), Drop("3724001", "AttendanceMarks", DropStatus.Rejected, new DateTime(2026, 2, 4))], Year, Period.Spring);

        Assert.Equal(AcademicYear.Parse("2024-25"), returns.RegisterYear);
        Assert.Equal(["3721100", "3724001"], returns.Schools.Select(s => s.Laestab));
        Assert.Equal("3724001", Assert.Single(returns.Missing).Laestab);
        Assert.Equal(["Exclusions"], returns.Schools[0].KindsAccepted);
    }

    [Fact]
    public void CountsADropInTheTermItWasReceivedAndListsSchoolsOutsideTheRegister()
    {
        var returns = ReturnsTracker.ForTerm(
            Register,
            [Drop("3721100", "Exclusions", DropStatus.Processed, new DateTime(2025, 12, 31, 23, 0, 0)), Drop("3725555", "AttendanceSummary", DropStatus.Processed, new DateTime(2026, 1, 1)), Drop("LA", "Schools", DropStatus.Processed, new DateTime(2026, 1, 2))],
            Year,
            Period.Spring);

        Assert.Equal(["3721100", "3724001", "3725555"], returns.Schools.Select(s => s.Laestab));
        Assert.False(returns.Schools[0].HasAcceptedDrop);
        Assert.False(returns.Schools[2].InRegister);
        Assert.Equal(new DateOnly(2026, 4, 5), returns.End);
    }

    [Fact]
    public void ReadsTermCodesIgnoringCase()
    {
        Assert.True(PeriodCodes.TryParse("spr", out var period));
        Assert.Equal(Period.Spring, period);
        Assert.False(PeriodCodes.TryParse("Lent", out _));
    }
}
