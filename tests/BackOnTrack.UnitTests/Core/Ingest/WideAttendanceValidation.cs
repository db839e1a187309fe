using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Ingest;

public class WideAttendanceValidation
{
    private const string Header = "UPN,NC Year,Surname,Mon 03/11/2025 AM,Mon 03/11/2025 PM,2025-11-04 (AM),04/11/2025 PM\n";

    [Fact]
    public void ExpandsEachSessionCellIntoAMark()
    {
        var csv = Header + $"{TestDrops.UpnFor(1)},7,Smith,/,\\,L,N\n";

        using var drop = TestDrops.ReadCsv(csv);
        var marks = drop.Outcomes.Select(o => Assert.IsType<AttendanceMarkRecord>(o.Record)).ToList();

        Assert.Equal(DropLayout.WideForm, drop.Layout);
        Assert.Equal(["Surname"], drop.PersonalColumns);
        Assert.Equal(
            [(new DateOnly(2025, 11, 3), Session.AM, "/"), (new DateOnly(2025, 11, 3), Session.PM, "\\"), (new DateOnly(2025, 11, 4), Session.AM, "L"), (new DateOnly(2025, 11, 4), Session.PM, "N")],
            marks.Select(m => (m.Date, m.Session, m.Code.Code)));
        Assert.All(marks, m => Assert.Equal(TestDrops.KeyOf(TestDrops.UpnFor(1)), m.PupilKey));
        Assert.Equal(1, drop.RowsRead);
    }

    [Fact]
    public void SkipsEmptyCellsAndRejectsBadOnesByTheirHeading()
    {
        var csv = Header + $"{TestDrops.UpnFor(1)},7,Smith,/,,$,N\n";

        var outcomes = TestDrops.Outcomes(csv);

        Assert.Equal(3, outcomes.Count);
        var error = Assert.Single(outcomes, o => !o.IsAccepted).Errors.Single();
        Assert.Equal("2025-11-04 (AM)", error.Column);
        Assert.Equal(2, error.RowNumber);
    }

    [Fact]
    public void RejectsTheWholeRowOnceWhenThePupilIsInvalid()
    {
        var csv = Header + "B801200005002,7,Smith,/,\\,/,\\\n";

        var outcome = Assert.Single(TestDrops.Outcomes(csv));

        Assert.False(outcome.IsAccepted);
        Assert.Equal("UPN", Assert.Single(outcome.Errors).Column);
    }

    [Fact]
    public void RejectsMarksInColumnsDatedAfterToday()
    {
        var csv = "UPN,NCYear,10/11/2025 AM,11/11/2025 AM\n" + $"{TestDrops.UpnFor(1)},7,/,/\n";

        var outcomes = TestDrops.Outcomes(csv);

        Assert.True(outcomes[0].IsAccepted);
        Assert.Equal("The session's date is later than today.", Assert.Single(outcomes[1].Errors).Reason);
    }

    [Fact]
    public void RejectsTheSameSessionGivenForAPupilOnTwoRows()
    {
        var csv = "UPN,NCYear,03/11/2025 AM\n" + $"{TestDrops.UpnFor(1)},7,/\n" + $"{TestDrops.UpnFor(1)},7,/\n";

        var outcomes = TestDrops.Outcomes(csv);

        Assert.Equal("Duplicate of row 2: the same pupil, date and session.", Assert.Single(outcomes[1].Errors).Reason);
    }

    [Fact]
    public void ReadsAWideXlsxExport()
    {
        var workbook = new XlsxBuilder().Sheet("Register",
            ["Register 03/11/2025 - 04/11/2025"],
            ["UPN", "Year", "03/11/2025 AM", "03/11/2025 PM"],
            [TestDrops.UpnFor(1), "Y8", "/", "M"],
            [TestDrops.UpnFor(2), "Y8", "#", "#"]).Build();

        using var drop = DropReader.Read(new MemoryStream(workbook), "register.xlsx", TestDrops.ForSchool());
        var outcomes = drop.Outcomes.ToList();

        Assert.Equal(DropLayout.WideForm, drop.Layout);
        Assert.Equal(4, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.IsAccepted));
        Assert.Equal(AttendanceCategory.NotPossibleSession, ((AttendanceMarkRecord)outcomes[3].Record!).Code.Category);
    }
}
