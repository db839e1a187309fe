using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Ingest;

public class AttendanceMarkValidation
{
    private const string Header = "UPN,NCYear,Date,Session,Mark\n";

    private static readonly string Pupil = TestDrops.UpnFor(1);

    private static string Row(string date = "03/11/2025", string session = "AM", string mark = "/", string year = "7") =>
        Header + $"{Pupil},{year},{date},{session},{mark}\n";

    [Fact]
    public void NormalisesAMark()
    {
        var record = TestDrops.SingleAccepted<AttendanceMarkRecord>(Row(session: "pm", mark: "i"));

        Assert.Equal(TestDrops.KeyOf(Pupil), record.PupilKey);
        Assert.Equal(TestDrops.School, record.Laestab);
        Assert.Equal(NcYear.Year(7), record.NcYear);
        Assert.Equal(new DateOnly(2025, 11, 3), record.Date);
        Assert.Equal(Session.PM, record.Session);
        Assert.Equal("I", record.Code.Code);
        Assert.Equal(AttendanceCategory.AuthorisedAbsence, record.Code.Category);
    }

    [Fact]
    public void ReadsAPre2024CodeByTheSessionsDate()
    {
        var record = TestDrops.SingleAccepted<AttendanceMarkRecord>(Row(date: "2024-06-03", mark: "J"));

        Assert.Equal(AttendanceCategory.ApprovedEducationalActivity, record.Code.Category);
    }

    [Fact]
    public void RejectsAWithdrawnCodeForASessionUnderThe2024Regulations()
    {
        var error = TestDrops.SingleError(Row(mark: "H"));

        Assert.Equal("Mark", error.Column);
        Assert.StartsWith("Code H was withdrawn", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsTheNoMarkPlaceholder()
    {
        Assert.Contains("No mark was entered", TestDrops.SingleError(Row(mark: "-")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsASessionThatIsNotAmOrPm()
    {
        var error = TestDrops.SingleError(Row(session: "Eve"));

        Assert.Equal("Session", error.Column);
        Assert.Equal("Session must be AM or PM.", error.Reason);
    }

    [Fact]
    public void RejectsAMarkForAFutureDate()
    {
        Assert.Equal("Date is later than today.", TestDrops.SingleError(Row(date: "11/11/2025")).Reason);
    }

    [Fact]
    public void UsesUkTimeForTodaySoAMarkForTodayIsAcceptedJustAfterMidnightInSummer()
    {
        // 23:30 UTC on 1 July is 00:30 on 2 July in London.
        var context = new BackOnTrack.Core.Ingest.DropContext(new DateTimeOffset(2025, 7, 1, 23, 30, 0, TimeSpan.Zero), TestDrops.School, TestDrops.Key);

        Assert.Equal(new DateOnly(2025, 7, 2), context.Today);
        Assert.Equal(new DateOnly(2025, 7, 2), TestDrops.SingleAccepted<AttendanceMarkRecord>(Row(date: "02/07/2025"), context).Date);
    }

    [Fact]
    public void ReadsExcelSerialDatesInACsv()
    {
        Assert.Equal(new DateOnly(2025, 11, 3), TestDrops.SingleAccepted<AttendanceMarkRecord>(Row(date: "45964")).Date);
    }

    [Fact]
    public void RejectsADuplicateSessionNamingTheEarlierRow()
    {
        var csv = Row() + $"{Pupil},7,03/11/2025,PM,/\n" + $"{Pupil},7,3 Nov 2025,am,L\n";

        var outcomes = TestDrops.Outcomes(csv);

        Assert.True(outcomes[0].IsAccepted);
        Assert.True(outcomes[1].IsAccepted);
        Assert.Equal("Duplicate of row 2: the same pupil, date and session.", Assert.Single(outcomes[2].Errors).Reason);
    }

    [Fact]
    public void TreatsTheSamePupilAtTwoSchoolsInAnLaWideFileAsTwoEnrolments()
    {
        var csv = "UPN,NCYear,Date,Session,Mark,LAESTAB\n" + $"{Pupil},7,03/11/2025,AM,/,3724001\n" + $"{Pupil},7,03/11/2025,AM,D,3724002\n";

        Assert.All(TestDrops.Outcomes(csv, TestDrops.LaWide()), o => Assert.True(o.IsAccepted));
    }
}
