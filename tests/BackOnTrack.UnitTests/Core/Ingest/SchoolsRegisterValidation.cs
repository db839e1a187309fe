using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Schools;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Ingest;

public class SchoolsRegisterValidation
{
    private const string Header = "LAESTAB,URN,SchoolName,Phase,AcademicYear,Headcount\n";

    private static string Row(string laestab = "3724001", string urn = "106923", string name = "\"Oakfield Academy, Rotherham\"", string phase = "SS", string year = "2025/26", string headcount = "1034") =>
        Header + $"{laestab},{urn},{name},{phase},{year},{headcount}\n";

    [Fact]
    public void NormalisesARegisterRow()
    {
        var record = TestDrops.SingleAccepted<SchoolRecord>(Row(), TestDrops.LaWide());

        Assert.Equal("3724001", record.Laestab.Value);
        Assert.Equal("106923", record.Urn);
        Assert.Equal("Oakfield Academy, Rotherham", record.Name);
        Assert.Equal(SchoolPhase.Secondary, record.Phase);
        Assert.Equal("2025-26", record.AcademicYear.ToString());
        Assert.Equal(1034, record.Headcount);
    }

    [Theory]
    [InlineData("10692", "URN")]
    [InlineData("1069234", "URN")]
    [InlineData("", "URN")]
    public void RejectsAUrnThatIsNotSixDigits(string urn, string column)
    {
        Assert.Equal(column, TestDrops.SingleError(Row(urn: urn), TestDrops.LaWide()).Column);
    }

    [Fact]
    public void RejectsAMissingName()
    {
        Assert.Equal("School name is missing.", TestDrops.SingleError(Row(name: ""), TestDrops.LaWide()).Reason);
    }

    [Fact]
    public void RejectsAnUnknownPhase()
    {
        Assert.Equal("Phase", TestDrops.SingleError(Row(phase: "Sixth form"), TestDrops.LaWide()).Column);
    }

    [Theory]
    [InlineData("2025", "Academic year must be written yyyy-yy, e.g. 2015-16.")]
    [InlineData("2026-27", "Academic year has not started yet.")]
    public void RejectsAnAcademicYearThatIsMalformedOrNotStarted(string year, string reason)
    {
        Assert.Equal(reason, TestDrops.SingleError(Row(year: year), TestDrops.LaWide()).Reason);
    }

    [Fact]
    public void RejectsANegativeHeadcount()
    {
        Assert.Equal("Headcount", TestDrops.SingleError(Row(headcount: "-3"), TestDrops.LaWide()).Column);
    }

    [Fact]
    public void RejectsAMissingLaestabEvenFromASchool()
    {
        Assert.Equal("LAESTAB is missing.", TestDrops.SingleError(Row(laestab: "")).Reason);
    }

    [Fact]
    public void RejectsAnotherSchoolsRowFromASchool()
    {
        Assert.Equal("LAESTAB is not the school this file was uploaded for.", TestDrops.SingleError(Row(laestab: "3724002")).Reason);
    }

    [Fact]
    public void RejectsTheSameSchoolAndYearTwice()
    {
        var csv = Row() + "3724001,106923,Oakfield,Secondary,2025-26,1000\n" + "3724001,106923,Oakfield,Secondary,2024-25,1000\n";

        var outcomes = TestDrops.Outcomes(csv, TestDrops.LaWide());

        Assert.Equal("Duplicate of row 2: the same school and academic year.", Assert.Single(outcomes[1].Errors).Reason);
        Assert.True(outcomes[2].IsAccepted);
    }
}
