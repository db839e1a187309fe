using BackOnTrack.Core.Exclusions;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Ingest;

public class ExclusionValidation
{
    private const string Header = "UPN,NCYear,Category,StartDate,Sessions,Days,Reason1,Reason2,Reason3,LAESTAB,Status\n";

    private static readonly string Pupil = TestDrops.UpnFor(1);

    private static string Row(
        string? upn = null, string year = "Y9", string category = "FIXD", string start = "03/11/2025", string sessions = "4",
        string days = "", string reason1 = "PD", string reason2 = "", string reason3 = "", string laestab = "", string status = "") =>
        Header + $"{upn ?? Pupil},{year},{category},{start},{sessions},{days},{reason1},{reason2},{reason3},{laestab},{status}\n";

    [Fact]
    public void NormalisesAValidSuspension()
    {
        var record = TestDrops.SingleAccepted<ExclusionRecord>(Row(reason1: "Persistent disruptive behaviour", reason2: "va"));

        Assert.Equal(TestDrops.KeyOf(Pupil), record.PupilKey);
        Assert.Equal(TestDrops.School, record.Laestab);
        Assert.Equal(ExclusionCategory.Suspension, record.Category);
        Assert.Equal(new DateOnly(2025, 11, 3), record.StartDate);
        Assert.Equal(4, record.Sessions);
        Assert.Equal(["PD", "VA"], record.Reasons);
        Assert.Equal(NcYear.Year(9), record.NcYear);
        Assert.False(record.Withdrawn);
        Assert.Equal("2025-26", record.AcademicYear.ToString());
    }

    [Fact]
    public void GivesAPermanentExclusionNoLength()
    {
        var record = TestDrops.SingleAccepted<ExclusionRecord>(Row(category: "Permanent", sessions: ""));

        Assert.Equal(ExclusionCategory.Permanent, record.Category);
        Assert.Null(record.Sessions);
    }

    [Fact]
    public void DoublesDaysIntoSessions()
    {
        var record = TestDrops.SingleAccepted<ExclusionRecord>(Row(sessions: "", days: "2.5"));

        Assert.Equal(5, record.Sessions);
    }

    [Fact]
    public void AcceptsSessionsAndDaysThatAgree()
    {
        Assert.Equal(6, TestDrops.SingleAccepted<ExclusionRecord>(Row(sessions: "6", days: "3")).Sessions);
    }

    [Fact]
    public void RejectsSessionsAndDaysThatDisagree()
    {
        Assert.Equal("Sessions and Days disagree (a day is two sessions).", TestDrops.SingleError(Row(sessions: "4", days: "3")).Reason);
    }

    [Theory]
    [InlineData("FIXD", "0")]
    [InlineData("LNCH", "0")]
    [InlineData("FIXD", "-2")]
    [InlineData("FIXD", "1.5")]
    [InlineData("FIXD", "two")]
    public void RejectsSuspensionOrLunchtimeWithFewerThanOneWholeSession(string category, string sessions)
    {
        var error = TestDrops.SingleError(Row(category: category, sessions: sessions));

        Assert.Equal("Sessions", error.Column);
        Assert.Equal("Sessions must be a whole number of at least 1.", error.Reason);
    }

    [Fact]
    public void RejectsASuspensionWithNoLength()
    {
        var error = TestDrops.SingleError(Row(sessions: ""));

        Assert.Equal("A suspension needs its length in Sessions (or Days).", error.Reason);
    }

    [Fact]
    public void AcceptsALunchtimeExclusionOfOneSession()
    {
        var record = TestDrops.SingleAccepted<ExclusionRecord>(Row(category: "Lunchtime", sessions: "1"));

        Assert.Equal(ExclusionCategory.Lunchtime, record.Category);
        Assert.Equal(1, record.Sessions);
    }

    [Fact]
    public void RejectsDaysThatAreNotWholeHalfDays()
    {
        Assert.Equal("Days", TestDrops.SingleError(Row(sessions: "", days: "1.25")).Column);
    }

    [Fact]
    public void AcceptsASuspensionOfNinetySessions()
    {
        Assert.Equal(90, TestDrops.SingleAccepted<ExclusionRecord>(Row(sessions: "90")).Sessions);
    }

    [Fact]
    public void RejectsASuspensionLongerThanNinetySessions()
    {
        var error = TestDrops.SingleError(Row(sessions: "", days: "45.5"));

        Assert.Equal("Days", error.Column);
        Assert.Equal("A suspension cannot be longer than 90 sessions (45 school days).", error.Reason);
    }

    [Fact]
    public void RejectsAnUnknownCategory()
    {
        var error = TestDrops.SingleError(Row(category: "Internal"));

        Assert.Equal("Category", error.Column);
        Assert.StartsWith("Category must be PERM", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("31/11/2025", "StartDate is not a real date in a recognised form (dd/MM/yyyy, yyyy-MM-dd or d MMM yyyy).")]
    [InlineData("11/11/2025", "StartDate is later than today.")]
    [InlineData("", "StartDate is missing.")]
    public void RejectsStartDatesThatAreNotRealOrAreInTheFuture(string start, string reason)
    {
        var error = TestDrops.SingleError(Row(start: start));

        Assert.Equal("StartDate", error.Column);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void AcceptsAStartDateOfToday()
    {
        Assert.Equal(new DateOnly(2025, 11, 10), TestDrops.SingleAccepted<ExclusionRecord>(Row(start: "10/11/2025")).StartDate);
    }

    [Fact]
    public void AcceptsUpToThreeReasonsInOneOrSeveralColumns()
    {
        Assert.Equal(["PD", "VA", "DM"], TestDrops.SingleAccepted<ExclusionRecord>(Row(reason1: "\"PD, VA\"", reason2: "DM", reason3: "PD")).Reasons);
    }

    [Fact]
    public void RejectsMoreThanThreeReasons()
    {
        Assert.Equal("An exclusion has at most 3 reasons.", TestDrops.SingleError(Row(reason1: "\"PD; VA\"", reason2: "DM", reason3: "TH")).Reason);
    }

    [Fact]
    public void RejectsAnExclusionWithNoReason()
    {
        var error = TestDrops.SingleError(Row(reason1: ""));

        Assert.Equal("Reason1", error.Column);
        Assert.Equal("At least one reason is required.", error.Reason);
    }

    [Fact]
    public void RejectsAnUnknownReasonCodeInTheColumnItIsIn()
    {
        Assert.Equal("Reason2", TestDrops.SingleError(Row(reason2: "XX")).Column);
    }

    [Fact]
    public void AcceptsLegacyOtherOnlyBeforeAutumn2020()
    {
        var before = TestDrops.SingleAccepted<ExclusionRecord>(Row(start: "15/07/2020", reason1: "OT"));
        var after = TestDrops.SingleError(Row(start: "01/09/2020", reason1: "OT"));

        Assert.Equal(["OT"], before.Reasons);
        Assert.Contains("autumn 2020", after.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Withdrawn", true)]
    [InlineData("rescinded", true)]
    [InlineData("Upheld", false)]
    [InlineData("", false)]
    public void ReadsTheWithdrawnFlagFromStatus(string status, bool withdrawn)
    {
        Assert.Equal(withdrawn, TestDrops.SingleAccepted<ExclusionRecord>(Row(status: status)).Withdrawn);
    }

    [Fact]
    public void RejectsAnUnknownStatus()
    {
        Assert.Equal("Status", TestDrops.SingleError(Row(status: "Pending review")).Column);
    }

    [Fact]
    public void RejectsAnInvalidUpnWithoutQuotingIt()
    {
        var error = TestDrops.SingleError(Row(upn: "C801200005001"));

        Assert.Equal("UPN", error.Column);
        Assert.Equal("UPN check letter does not match the rest of the number.", error.Reason);
    }

    [Fact]
    public void AcceptsATemporaryUpn()
    {
        Assert.Equal(TestDrops.KeyOf("M20700001604A"), TestDrops.SingleAccepted<ExclusionRecord>(Row(upn: "m20700001604a")).PupilKey);
    }

    [Fact]
    public void RejectsAnInvalidYearGroup()
    {
        var error = TestDrops.SingleError(Row(year: "Y15"));

        Assert.Equal("NCYear", error.Column);
        Assert.Equal("NC year must be N1, N2, R (Reception), 1–14 (e.g. 7, Y7, Year 7) or X.", error.Reason);
    }

    [Fact]
    public void AcceptsTheUploadingSchoolsLaestab()
    {
        Assert.Equal(TestDrops.School, TestDrops.SingleAccepted<ExclusionRecord>(Row(laestab: "372/4001")).Laestab);
    }

    [Fact]
    public void RejectsAnotherSchoolsLaestab()
    {
        var error = TestDrops.SingleError(Row(laestab: "3724002"));

        Assert.Equal("LAESTAB", error.Column);
        Assert.Equal("LAESTAB is not the school this file was uploaded for.", error.Reason);
    }

    [Fact]
    public void RejectsALaestabThatIsNotSevenDigits()
    {
        Assert.StartsWith("LAESTAB must be 7 digits", TestDrops.SingleError(Row(laestab: "37240")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TakesEachRowsSchoolFromItsLaestabInAnLaWideFile()
    {
        var record = TestDrops.SingleAccepted<ExclusionRecord>(Row(laestab: "3724002"), TestDrops.LaWide());

        Assert.Equal("3724002", record.Laestab.Value);
    }

    [Fact]
    public void RejectsARowWithoutLaestabInAnLaWideFile()
    {
        Assert.Equal("LAESTAB is required in a file uploaded for the whole LA.", TestDrops.SingleError(Row(), TestDrops.LaWide()).Reason);
    }

    [Fact]
    public void ReportsEveryProblemInARow()
    {
        var outcome = Assert.Single(TestDrops.Outcomes(Row(upn: "nonsense", year: "", category: "?", start: "soon", reason1: "")));

        Assert.Equal(["UPN", "NCYear", "Category", "StartDate", "Reason1"], outcome.Errors.Select(e => e.Column));
        Assert.All(outcome.Errors, e => Assert.Equal(2, e.RowNumber));
    }

    [Fact]
    public void RejectsTheSameExclusionTwiceNamingTheFirstRow()
    {
        var csv = Row() + $"{TestDrops.UpnFor(2)},Y9,FIXD,03/11/2025,4,,PD,,,,\n" + $"{Pupil.ToLowerInvariant()},9,Suspension,2025-11-03,2,,VA,,,,\n";

        var outcomes = TestDrops.Outcomes(csv);

        Assert.True(outcomes[0].IsAccepted);
        Assert.True(outcomes[1].IsAccepted);
        var error = Assert.Single(outcomes[2].Errors);
        Assert.Equal(4, error.RowNumber);
        Assert.Equal("Duplicate of row 2: the same pupil, start date and category.", error.Reason);
    }

    [Fact]
    public void AllowsTheSamePupilAndDateInADifferentCategory()
    {
        var csv = Row() + $"{Pupil},Y9,LNCH,03/11/2025,1,,PD,,,,\n";

        Assert.All(TestDrops.Outcomes(csv), o => Assert.True(o.IsAccepted));
    }
}
