using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Ingest;

public class AttendanceSummaryValidation
{
    private const string Header = "UPN,NCYear,PeriodStart,PeriodEnd,PossibleSessions,Present,AEA,AuthorisedAbsence,UnauthorisedAbsence\n";

    private static readonly string Pupil = TestDrops.UpnFor(1);

    private static string Row(string start = "01/09/2025", string end = "24/10/2025", string possible = "76", string present = "66", string aea = "2", string authorised = "6", string unauthorised = "2") =>
        Header + $"{Pupil},10,{start},{end},{possible},{present},{aea},{authorised},{unauthorised}\n";

    [Fact]
    public void NormalisesASummaryThatAddsUp()
    {
        var record = TestDrops.SingleAccepted<AttendanceSummaryRecord>(Row());

        Assert.Equal(TestDrops.KeyOf(Pupil), record.PupilKey);
        Assert.Equal(new DateOnly(2025, 9, 1), record.PeriodStart);
        Assert.Equal(new DateOnly(2025, 10, 24), record.PeriodEnd);
        Assert.Equal((76, 66, 2, 6, 2), (record.PossibleSessions, record.Present, record.ApprovedEducationalActivity, record.AuthorisedAbsence, record.UnauthorisedAbsence));
        Assert.Equal("2025-26", record.AcademicYear.ToString());
    }

    [Fact]
    public void TakesAMissingAeaAsZero()
    {
        var csv = "UPN,NCYear,PeriodStart,PeriodEnd,Possible,Attended,Authorised,Unauthorised\n" + $"{Pupil},10,01/09/2025,24/10/2025,76,68,6,2\n";

        Assert.Equal(0, TestDrops.SingleAccepted<AttendanceSummaryRecord>(csv).ApprovedEducationalActivity);
        Assert.Equal(0, TestDrops.SingleAccepted<AttendanceSummaryRecord>(Row(present: "68", aea: "")).ApprovedEducationalActivity);
    }

    [Theory]
    [InlineData("75")]
    [InlineData("77")]
    public void RejectsCountsThatDoNotAddUpToPossibleSessions(string possible)
    {
        var error = TestDrops.SingleError(Row(possible: possible));

        Assert.Equal("PossibleSessions", error.Column);
        Assert.Equal("Present, AEA, authorised and unauthorised absence do not add up to the possible sessions.", error.Reason);
    }

    [Fact]
    public void RejectsMoreThanTwoPossibleSessionsADay()
    {
        var error = TestDrops.SingleError(Row(start: "01/09/2025", end: "05/09/2025", possible: "12", present: "12", aea: "0", authorised: "0", unauthorised: "0"));

        Assert.Equal("Possible sessions are more than two a day for the period.", error.Reason);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("lots")]
    public void RejectsCountsThatAreNotWholeNonNegativeNumbers(string unauthorised)
    {
        var error = TestDrops.SingleError(Row(unauthorised: unauthorised));

        Assert.Equal("UnauthorisedAbsence", error.Column);
        Assert.Equal("UnauthorisedAbsence must be a whole number of at least 0.", error.Reason);
    }

    [Fact]
    public void RejectsAPeriodThatEndsBeforeItStarts()
    {
        Assert.Equal("PeriodEnd is before PeriodStart.", TestDrops.SingleError(Row(start: "24/10/2025", end: "01/09/2025")).Reason);
    }

    [Fact]
    public void RejectsAPeriodAcrossTwoAcademicYears()
    {
        Assert.StartsWith("The period crosses 31 July", TestDrops.SingleError(Row(start: "01/06/2025", end: "24/10/2025", possible: "76")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAPeriodEndingAfterToday()
    {
        var error = TestDrops.SingleError(Row(end: "19/12/2025"));

        Assert.Equal("PeriodEnd", error.Column);
        Assert.Equal("PeriodEnd is later than today.", error.Reason);
    }

    [Fact]
    public void RejectsTheSamePupilAndPeriodTwice()
    {
        var outcomes = TestDrops.Outcomes(Row() + $"{Pupil},10,2025-09-01,2025-10-24,76,66,2,6,2\n");

        Assert.Equal("Duplicate of row 2: the same pupil and period.", Assert.Single(outcomes[1].Errors).Reason);
    }
}
