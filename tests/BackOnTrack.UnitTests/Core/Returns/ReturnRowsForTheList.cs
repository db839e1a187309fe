using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Returns;
using BackOnTrack.Core.Tracker;

namespace BackOnTrack.UnitTests.Core.Returns;

public class ReturnRowsForTheList
{
    private static readonly AcademicYear Year = AcademicYear.Parse("2026-27");

    private static readonly RegisteredSchool[] Register =
    [
        new(Year, "3721100", "Maple Primary", "Primary"),
        new(Year, "3724001", "Oak Academy", "Secondary"),
    ];

    private static ReceivedDrop Drop(string scope, string kind, DropStatus status, DateTime received) =>
        new(scope, Guid.NewGuid().ToString("N"), $"{scope}/{kind}.csv", kind, status, new DateTimeOffset(received, TimeSpan.Zero), new DateTimeOffset(received.AddMinutes(3), TimeSpan.Zero), 10);

    private static TrackerRow RowOf(TermReturns returns, string laestab) => ReturnRows.For(returns, returns.Schools.Single(s => s.Laestab == laestab));

    [Fact]
    public void ShowsTheLatestDropOfEachKindAsItsStatusAndReceivedDate()
    {
        var returns = ReturnsTracker.ForTerm(
            Register,
            [
                Drop("3721100", "Exclusions", DropStatus.Rejected, new DateTime(2026, 11, 2, 9, 0, 0)),
                Drop("3721100", "Exclusions", DropStatus.Processed, new DateTime(2026, 11, 22, 23, 30, 0)),
            ],
            Year,
            Period.Autumn);

        var row = RowOf(returns, "3721100");

        Assert.Equal("3721100_2026-27_AUT", row.Key);
        Assert.Equal("Processed 2026-11-22", row.Fields["Exclusions"]);
        Assert.Null(row.Fields["AttendanceMarks"]);
        Assert.Equal(("false", "2026-11-22T23:33:00Z"), (row.Fields[TrackerLists.Missing], row.Fields[TrackerLists.UpdatedAt]));
        Assert.Equal(("Maple Primary 2026-27 AUT", "AUT", "2026-27"), (row.Fields[TrackerLists.Title], row.Fields[TrackerLists.Term], row.Fields[TrackerLists.AcademicYear]));
    }

    [Fact]
    public void FlagsASchoolMissingWhenNoDropWasAcceptedThisTerm()
    {
        var returns = ReturnsTracker.ForTerm(Register, [Drop("3724001", "AttendanceMarks", DropStatus.Rejected, new DateTime(2026, 10, 5))], Year, Period.Autumn);

        var rejected = RowOf(returns, "3724001");
        var silent = RowOf(returns, "3721100");

        Assert.Equal(("true", "Rejected 2026-10-05"), (rejected.Fields[TrackerLists.Missing], rejected.Fields["AttendanceMarks"]));
        Assert.Equal("true", silent.Fields[TrackerLists.Missing]);
        Assert.Null(silent.Fields[TrackerLists.UpdatedAt]);
        Assert.All(ReturnsTracker.SchoolKinds, k => Assert.Null(silent.Fields[k]));
    }

    [Fact]
    public void HasAFieldForEveryColumnOfTheReturnsList()
    {
        var returns = ReturnsTracker.ForTerm(Register, [], Year, Period.Spring);

        var row = RowOf(returns, "3724001");

        Assert.Equal(TrackerLists.Returns.Columns.Select(c => c.Name).Order(StringComparer.Ordinal), row.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(TrackerColumnKind.Boolean, TrackerLists.Returns.Column(TrackerLists.Missing).Kind);
    }
}
