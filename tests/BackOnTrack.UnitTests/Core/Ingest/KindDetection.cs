using BackOnTrack.Core.Ingest;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Ingest;

public class KindDetection
{
    [Theory]
    [InlineData("UPN,NCYear,Category,StartDate,Sessions,Reason1,Reason2,Reason3,LAESTAB,Status", DropKind.Exclusions, DropLayout.Table)]
    [InlineData("Unique Pupil Number,Year Group,Exclusion Type,Start Date,Days,Reason Code", DropKind.Exclusions, DropLayout.Table)]
    [InlineData("upn,year_group,type,start_date,reason", DropKind.Exclusions, DropLayout.Table)]
    [InlineData("UPN,NCYear,Date,Session,Mark", DropKind.AttendanceMarks, DropLayout.LongForm)]
    [InlineData("UPN,Year Group,Session Date,AM/PM,Attendance Code", DropKind.AttendanceMarks, DropLayout.LongForm)]
    [InlineData("UPN,NCYear,03/11/2025 AM,03/11/2025 PM", DropKind.AttendanceMarks, DropLayout.WideForm)]
    [InlineData("UPN,NCYear,PeriodStart,PeriodEnd,PossibleSessions,Present,AEA,AuthorisedAbsence,UnauthorisedAbsence", DropKind.AttendanceSummary, DropLayout.Table)]
    [InlineData("UPN,Year,From Date,To Date,Possible,Attended,Authorised,Unauthorised", DropKind.AttendanceSummary, DropLayout.Table)]
    [InlineData("LAESTAB,URN,SchoolName,Phase,AcademicYear,Headcount", DropKind.Schools, DropLayout.Table)]
    [InlineData("DfE Number,URN,School Name,Phase of Education,Academic Year,Pupils on Roll", DropKind.Schools, DropLayout.Table)]
    [InlineData("UPN,LAESTAB,Cohort,StartDate", DropKind.Cohort, DropLayout.Table)]
    [InlineData("UPN,Cohort Name,Date Joined", DropKind.Cohort, DropLayout.Table)]
    public void DetectsEachKindFromItsHeadings(string header, DropKind kind, DropLayout layout)
    {
        using var drop = TestDrops.ReadCsv(header + "\n");

        Assert.True(drop.IsReadable, drop.Rejection);
        Assert.Equal(kind, drop.Kind);
        Assert.Equal(layout, drop.Layout);
        Assert.Equal(1, drop.HeaderRowNumber);
    }

    [Fact]
    public void FindsTheHeaderBelowTitleRows()
    {
        const string csv = """
            Oakfield Academy - Exclusions report
            Printed 10/11/2025 by SIMS,,,
            ,,,
            UPN,NC Year,Exclusion Type,Start Date,Sessions,Reason
            {0},Y9,Suspension,03/11/2025,2,PD
            """;

        using var drop = TestDrops.ReadCsv(string.Format(System.Globalization.CultureInfo.InvariantCulture, csv, TestDrops.UpnFor(1)));
        var outcome = Assert.Single(drop.Outcomes);

        Assert.Equal(DropKind.Exclusions, drop.Kind);
        Assert.Equal(4, drop.HeaderRowNumber);
        Assert.True(outcome.IsAccepted);
        Assert.Equal(5, outcome.RowNumber);
    }

    [Fact]
    public void SaysWhichKindWasClosestAndWhatItLacks()
    {
        using var drop = TestDrops.ReadCsv("UPN,NCYear,Category,Sessions\n");

        Assert.False(drop.IsReadable);
        Assert.Null(drop.Kind);
        Assert.Equal("The kind of file is unknown: no header row has every column of any kind. Closest is exclusions (row 1), which lacks StartDate, Reason1.", drop.Rejection);
        Assert.Empty(drop.Outcomes);
    }

    [Fact]
    public void RejectsAFileWithNoRecognisableHeader()
    {
        using var drop = TestDrops.ReadCsv("Fruit,Colour\nApple,Green\n");

        Assert.False(drop.IsReadable);
        Assert.StartsWith("No header row was recognised in the first 30 rows", drop.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAnEmptyFile()
    {
        using var drop = TestDrops.ReadCsv("\n\n");

        Assert.Equal("The file has no rows.", drop.Rejection);
    }

    [Fact]
    public void RejectsTwoColumnsThatBothReadAsOneField()
    {
        using var drop = TestDrops.ReadCsv("UPN,Pupil UPN,NCYear,Date,Session,Mark\n");

        Assert.False(drop.IsReadable);
        Assert.Equal("Columns 'UPN' and 'Pupil UPN' both read as UPN; keep one of them.", drop.Rejection);
    }

    [Fact]
    public void RejectsAnUnreadableFileWithTheReadersReason()
    {
        using var drop = DropReader.Read(new MemoryStream([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), "marks.xlsx", TestDrops.ForSchool());

        Assert.False(drop.IsReadable);
        Assert.Equal(BackOnTrack.Core.Tabular.TabularFormat.Xlsx, drop.Format);
        Assert.Contains("not a readable XLSX workbook", drop.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectsTheKindOfAnXlsxDropWithTitleRows()
    {
        var workbook = new XlsxBuilder().SheetAt("Attendance",
            (1, ["Attendance marks w/c 03/11/2025"]),
            (3, ["UPN", "NC Year", "Date", "Session", "Mark"]),
            (4, [TestDrops.UpnFor(1), 7, new DateOnly(2025, 11, 3), "AM", "/"])).Build();

        using var drop = DropReader.Read(new MemoryStream(workbook), "marks.xlsx", TestDrops.ForSchool());
        var outcome = Assert.Single(drop.Outcomes);

        Assert.Equal(DropKind.AttendanceMarks, drop.Kind);
        Assert.Equal(DropLayout.LongForm, drop.Layout);
        Assert.True(outcome.IsAccepted, string.Join(";", outcome.Errors.Select(e => e.Reason)));
        Assert.Equal(4, outcome.RowNumber);
    }
}
