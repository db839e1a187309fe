using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Ingest;

public class CohortValidation
{
    private const string Header = "UPN,LAESTAB,Cohort,StartDate\n";

    private static readonly string Pupil = TestDrops.UpnFor(1);

    private static string Row(string cohort = "BackOnTrack-2025", string laestab = "3724001", string start = "01/09/2025") =>
        Header + $"{Pupil},{laestab},{cohort},{start}\n";

    [Fact]
    public void NormalisesAMembership()
    {
        var record = TestDrops.SingleAccepted<CohortMemberRecord>(Row(), TestDrops.LaWide());

        Assert.Equal(TestDrops.KeyOf(Pupil), record.PupilKey);
        Assert.Equal("3724001", record.Laestab.Value);
        Assert.Equal("BackOnTrack-2025", record.Cohort);
        Assert.Equal(new DateOnly(2025, 9, 1), record.StartDate);
    }

    [Theory]
    [InlineData("Back On Track")]
    [InlineData("SEMH/2025")]
    [InlineData("Zoë")]
    public void RejectsCohortNamesWithOtherThanLettersDigitsAndHyphens(string cohort)
    {
        var error = TestDrops.SingleError(Row(cohort: cohort), TestDrops.LaWide());

        Assert.Equal("Cohort", error.Column);
        Assert.Equal("Cohort name must be 1–64 letters, digits and hyphens (no spaces).", error.Reason);
    }

    [Fact]
    public void RejectsACohortNameLongerThanSixtyFourCharacters()
    {
        Assert.Equal("Cohort", TestDrops.SingleError(Row(cohort: new string('a', 65)), TestDrops.LaWide()).Column);
    }

    [Fact]
    public void RejectsAFutureStartDate()
    {
        Assert.Equal("StartDate is later than today.", TestDrops.SingleError(Row(start: "01/01/2026"), TestDrops.LaWide()).Reason);
    }

    [Fact]
    public void RejectsAMembershipWithoutASchoolInAnLaWideFile()
    {
        Assert.Equal("LAESTAB", TestDrops.SingleError(Row(laestab: ""), TestDrops.LaWide()).Column);
    }

    [Fact]
    public void RejectsThePupilTwiceInOneCohort()
    {
        var csv = Row() + $"{Pupil},3724001,BackOnTrack-2025,02/09/2025\n" + $"{Pupil},3724001,Mentoring,02/09/2025\n";

        var outcomes = TestDrops.Outcomes(csv, TestDrops.LaWide());

        Assert.Equal("Duplicate of row 2: the same pupil and cohort.", Assert.Single(outcomes[1].Errors).Reason);
        Assert.True(outcomes[2].IsAccepted);
    }
}
