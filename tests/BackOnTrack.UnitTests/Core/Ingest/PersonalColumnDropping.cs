using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Ingest;

public class PersonalColumnDropping
{
    [Fact]
    public void ListsNameBirthAddressAndContactColumnsAsDroppedPersonalData()
    {
        var csv = "UPN,Legal Surname,Forename,Preferred Name,DOB,Date of Birth,Address Line 1,Post Code,Parent Email,Former UPN,NCYear,Date,Session,Mark,Form\n"
            + $"{TestDrops.UpnFor(1)},Smith,Jo,Jo,01/02/2012,01/02/2012,1 High St,S60 1AA,a@b.c,,8,03/11/2025,AM,/,8B\n";

        using var drop = TestDrops.ReadCsv(csv);
        var outcome = Assert.Single(drop.Outcomes);

        Assert.Equal(
            ["Legal Surname", "Forename", "Preferred Name", "DOB", "Date of Birth", "Address Line 1", "Post Code", "Parent Email", "Former UPN"],
            drop.PersonalColumns);
        Assert.Equal(["Form"], drop.IgnoredColumns);
        Assert.True(outcome.IsAccepted);
    }

    [Fact]
    public void KeepsNoPersonalValueInTheNormalisedRecord()
    {
        var csv = "UPN,Surname,NCYear,Date,Session,Mark\n" + $"{TestDrops.UpnFor(1)},Featherstonehaugh,8,03/11/2025,AM,/\n";

        var record = TestDrops.SingleAccepted<AttendanceMarkRecord>(csv);

        Assert.DoesNotContain("Featherstonehaugh", record.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestDrops.UpnFor(1)[1..], record.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsASchoolsRegistersNameAsTheSchoolsName()
    {
        using var drop = TestDrops.ReadCsv("LAESTAB,URN,Name,Phase,AcademicYear,Headcount\n", TestDrops.LaWide());

        Assert.Equal(DropKind.Schools, drop.Kind);
        Assert.Empty(drop.PersonalColumns);
    }

    [Fact]
    public void NeverQuotesARejectedCellInTheReason()
    {
        // A name pasted into the UPN and Mark columns must not reach the report.
        var csv = "UPN,NCYear,Date,Session,Mark\nJo Featherstonehaugh,8,03/11/2025,AM,Featherstonehaugh\n";

        var outcome = Assert.Single(TestDrops.Outcomes(csv));

        Assert.Equal(2, outcome.Errors.Count);
        Assert.All(outcome.Errors, e => Assert.DoesNotContain("Featherstonehaugh", e.Reason, StringComparison.Ordinal));
    }
}
