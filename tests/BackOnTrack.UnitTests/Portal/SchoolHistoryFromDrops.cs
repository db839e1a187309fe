using BackOnTrack.Application.Portal;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Returns;

namespace BackOnTrack.UnitTests.Portal;

public class SchoolHistoryFromDrops
{
    private static readonly Laestab School = Laestab.Parse("3721100");
    private static readonly AcademicYear Year = AcademicYear.Parse("2026-27");

    private static DataDrop Drop(string scope, string file, DropStatus status, DateTime received, string? kind = "Exclusions") => new()
    {
        Scope = scope,
        DropId = Guid.NewGuid().ToString("N"),
        BlobName = $"{scope}/{file}",
        Status = status,
        Kind = kind,
        ReceivedAt = new DateTimeOffset(received, TimeSpan.Zero),
    };

    [Fact]
    public void TheHistoryIsTheSchoolsOwnDropsNewestFirstUnderTheNamesItGaveThem()
    {
        var history = SchoolHistory.NewestFirst(School,
        [
            Drop("3721100", "autumn.csv", DropStatus.Processed, new DateTime(2026, 10, 1)),
            Drop("3724001", "theirs.csv", DropStatus.Processed, new DateTime(2026, 12, 1)),
            Drop("3721100", "spring.xlsx", DropStatus.Rejected, new DateTime(2027, 2, 1)),
        ]);

        Assert.Equal(["spring.xlsx", "autumn.csv"], history.Select(d => d.FileName));
        Assert.Equal(["Rejected", "Processed"], history.Select(d => d.Status));
    }

    [Fact]
    public void ReturnsSayWhichKindsAreReceivedRejectedOrStillOwed()
    {
        var drops = new[]
        {
            new ReceivedDrop("3721100", "a", "3721100/excl.csv", "Exclusions", DropStatus.Processed, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), null, 10),
            new ReceivedDrop("3721100", "b", "3721100/marks.csv", "AttendanceMarks", DropStatus.Rejected, new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero), null, 0),
        };
        var term = ReturnsTracker.ForTerm([new RegisteredSchool(Year, "3721100", "Maple Primary", "Primary")], drops, Year, Period.Autumn);

        var answer = SchoolHistory.Returns(School, term);

        Assert.Equal(("Maple Primary", "2026-27", "Autumn"), (answer.SchoolName, answer.AcademicYear, answer.Term));
        Assert.Equal(
            [("Exclusions", "Received", "excl.csv"), ("AttendanceMarks", "Rejected", "marks.csv"), ("AttendanceSummary", "Owed", null)],
            answer.Returns.Select(r => (r.Kind, r.State, r.LatestFileName)));
        Assert.Equal(["AttendanceMarks", "AttendanceSummary"], answer.Owed);
    }

    [Fact]
    public void ASchoolNotInTheRegisterWithNothingSentOwesEveryKind()
    {
        var term = ReturnsTracker.ForTerm([], [], Year, Period.Spring);

        var answer = SchoolHistory.Returns(School, term);

        Assert.False(answer.InRegister);
        Assert.Equal(ReturnsTracker.SchoolKinds, answer.Owed);
    }
}
