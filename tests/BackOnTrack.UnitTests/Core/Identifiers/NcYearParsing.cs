using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.UnitTests.Core.Identifiers;

public class NcYearParsing
{
    [Theory]
    [InlineData("7", "7")]
    [InlineData("07", "7")]
    [InlineData("Y7", "7")]
    [InlineData("y 7", "7")]
    [InlineData("Yr 7", "7")]
    [InlineData("Year 7", "7")]
    [InlineData("NC Year 7", "7")]
    [InlineData("year_11", "11")]
    [InlineData("1", "1")]
    [InlineData("14", "14")]
    [InlineData("R", "R")]
    [InlineData("YR", "R")]
    [InlineData("Rec", "R")]
    [InlineData("Reception", "R")]
    [InlineData("Year R", "R")]
    [InlineData("N1", "N1")]
    [InlineData("Nursery 1", "N1")]
    [InlineData("n2", "N2")]
    [InlineData("X", "X")]
    public void ReadsTheWaysSchoolsWriteYearGroupsAsTheirCbdsCode(string text, string code)
    {
        Assert.True(NcYear.TryParse(text, out var year));
        Assert.Equal(code, year.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("15")]
    [InlineData("Y15")]
    [InlineData("N3")]
    [InlineData("Nursery")]
    [InlineData("Year")]
    [InlineData("Sixth form")]
    public void RejectsWhatIsNotAYearGroup(string text)
    {
        Assert.False(NcYear.TryParse(text, out _));
    }

    [Fact]
    public void EqualYearsAreEqualHoweverWritten()
    {
        Assert.True(NcYear.TryParse("Year 7", out var a));
        Assert.True(NcYear.TryParse("07", out var b));

        Assert.Equal(a, b);
        Assert.Equal(NcYear.Year(7), a);
    }
}
