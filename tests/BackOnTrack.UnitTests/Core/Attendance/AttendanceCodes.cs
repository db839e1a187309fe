using BackOnTrack.Core.Attendance;

namespace BackOnTrack.UnitTests.Core.Attendance;

public class AttendanceCodes
{
    private static readonly DateOnly Current = new(2025, 11, 3);
    private static readonly DateOnly Before2024 = new(2023, 11, 6);

    [Theory]
    [InlineData("/", AttendanceCategory.Present)]
    [InlineData("\\", AttendanceCategory.Present)]
    [InlineData("L", AttendanceCategory.Present)]
    [InlineData("K", AttendanceCategory.ApprovedEducationalActivity)]
    [InlineData("V", AttendanceCategory.ApprovedEducationalActivity)]
    [InlineData("P", AttendanceCategory.ApprovedEducationalActivity)]
    [InlineData("W", AttendanceCategory.ApprovedEducationalActivity)]
    [InlineData("B", AttendanceCategory.ApprovedEducationalActivity)]
    [InlineData("C1", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("M", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("J1", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("S", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("C2", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("C", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("T", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("R", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("I", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("E", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("G", AttendanceCategory.UnauthorisedAbsence)]
    [InlineData("N", AttendanceCategory.UnauthorisedAbsence)]
    [InlineData("O", AttendanceCategory.UnauthorisedAbsence)]
    [InlineData("U", AttendanceCategory.UnauthorisedAbsence)]
    [InlineData("D", AttendanceCategory.NotPossibleSession)]
    [InlineData("X", AttendanceCategory.NotPossibleSession)]
    [InlineData("Q", AttendanceCategory.NotPossibleSession)]
    [InlineData("Y1", AttendanceCategory.NotPossibleSession)]
    [InlineData("Y7", AttendanceCategory.NotPossibleSession)]
    [InlineData("Z", AttendanceCategory.NotPossibleSession)]
    [InlineData("#", AttendanceCategory.NotPossibleSession)]
    public void Places2024CodesInTheirStatisticalCategory(string mark, AttendanceCategory category)
    {
        Assert.True(AttendanceCode.TryParse(mark, Current, out var code, out var reason), reason);
        Assert.Equal(category, code.Category);
        Assert.Equal(mark, code.Code);
        Assert.NotEmpty(code.Meaning);
    }

    [Fact]
    public void CountsPresentAndAeaAsAttendanceAndOnlyNotPossibleSessionsOutOfTheDenominator()
    {
        Assert.True(AttendanceCode.TryParse("K", Current, out var aea, out _));
        Assert.True(AttendanceCode.TryParse("I", Current, out var illness, out _));
        Assert.True(AttendanceCode.TryParse("Y2", Current, out var disruption, out _));

        Assert.True(aea.CountsAsAttendance);
        Assert.False(illness.CountsAsAttendance);
        Assert.True(illness.IsPossibleSession);
        Assert.False(disruption.IsPossibleSession);
    }

    [Fact]
    public void ReadsLowerCaseAndPaddedMarks()
    {
        Assert.True(AttendanceCode.TryParse(" c1 ", Current, out var code, out _));
        Assert.Equal("C1", code.Code);
    }

    [Theory]
    [InlineData("J", AttendanceCategory.ApprovedEducationalActivity)] // interview: attendance before 2024, J1 absence after
    [InlineData("H", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("F", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("Y", AttendanceCategory.NotPossibleSession)]
    [InlineData("C", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("B", AttendanceCategory.ApprovedEducationalActivity)]
    [InlineData("T", AttendanceCategory.AuthorisedAbsence)]
    [InlineData("X", AttendanceCategory.NotPossibleSession)]
    public void ReadsPre2024CodesForSessionsBeforeTheNewRegulations(string mark, AttendanceCategory category)
    {
        Assert.True(AttendanceCode.TryParse(mark, Before2024, out var code, out var reason), reason);
        Assert.Equal(category, code.Category);
    }

    [Theory]
    [InlineData("H", "C")]
    [InlineData("J", "J1")]
    [InlineData("Y", "Y1–Y7")]
    [InlineData("F", "C")]
    public void RejectsWithdrawnCodesFromNineteenthAugust2024(string mark, string replacement)
    {
        Assert.False(AttendanceCode.TryParse(mark, AttendanceCode.CurrentSetFrom, out _, out var reason));
        Assert.Equal($"Code {mark} was withdrawn on 19 August 2024; sessions from then use {replacement}.", reason);
    }

    [Theory]
    [InlineData("K")]
    [InlineData("C1")]
    [InlineData("C2")]
    [InlineData("J1")]
    [InlineData("Q")]
    [InlineData("Y3")]
    public void RejectsCodesIntroducedIn2024ForEarlierSessions(string mark)
    {
        Assert.False(AttendanceCode.TryParse(mark, AttendanceCode.CurrentSetFrom.AddDays(-1), out _, out var reason));
        Assert.Contains("introduced on 19 August 2024", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangesTheSetOnTheDayTheRegulationsStarted()
    {
        Assert.True(AttendanceCode.TryParse("J", new DateOnly(2024, 8, 18), out _, out _));
        Assert.True(AttendanceCode.TryParse("J1", new DateOnly(2024, 8, 19), out _, out _));
    }

    [Fact]
    public void RejectsTheNoMarkPlaceholder()
    {
        Assert.False(AttendanceCode.TryParse("-", Current, out _, out var reason));
        Assert.Contains("No mark was entered", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("&")]
    [InlineData("7")]
    [InlineData("Y8")]
    [InlineData("PRESENT")]
    public void RejectsSchoolSpecificAndUnknownCodesWithoutQuotingThem(string mark)
    {
        Assert.False(AttendanceCode.TryParse(mark, Current, out _, out var reason));
        Assert.DoesNotContain(mark, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAMissingMark()
    {
        Assert.False(AttendanceCode.TryParse(" ", Current, out _, out var reason));
        Assert.Equal("Mark is missing.", reason);
    }
}
