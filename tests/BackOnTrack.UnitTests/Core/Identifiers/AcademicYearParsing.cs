using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.UnitTests.Core.Identifiers;

public class AcademicYearParsing
{
    [Theory]
    [InlineData("2015-16")]
    [InlineData("2015/16")]
    [InlineData("2015-2016")]
    [InlineData("2015/2016")]
    [InlineData("201516")]
    [InlineData(" 2015-16 ")]
    public void ParsesTheFormsSchoolsAndDfeWrite(string text)
    {
        Assert.True(AcademicYear.TryParse(text, out var year));
        Assert.Equal(2015, year.StartYear);
        Assert.Equal("2015-16", year.ToString());
    }

    [Theory]
    [InlineData("2015-17")]
    [InlineData("2015-15")]
    [InlineData("2015")]
    [InlineData("15-16")]
    [InlineData("2015_16")]
    [InlineData("")]
    public void RejectsYearsThatDoNotFollowOrAreMalformed(string text)
    {
        Assert.False(AcademicYear.TryParse(text, out _));
    }

    [Fact]
    public void WritesTheCenturyTurnWithTwoDigits()
    {
        Assert.Equal("1999-00", AcademicYear.Parse("1999/00").ToString());
        Assert.Equal("2009-10", AcademicYear.StartingIn(2009).ToString());
    }

    [Fact]
    public void RunsFromFirstAugustToThirtyFirstJuly()
    {
        var year = AcademicYear.Parse("2015-16");

        Assert.Equal(new DateOnly(2015, 8, 1), year.Start);
        Assert.Equal(new DateOnly(2016, 7, 31), year.End);
        Assert.True(year.Contains(new DateOnly(2016, 2, 29)));
        Assert.False(year.Contains(new DateOnly(2016, 8, 1)));
    }

    [Theory]
    [InlineData(2015, 7, 31, "2014-15")]
    [InlineData(2015, 8, 1, "2015-16")]
    [InlineData(2015, 12, 31, "2015-16")]
    [InlineData(2016, 1, 1, "2015-16")]
    public void PutsADateInTheYearThatContainsIt(int y, int m, int d, string expected)
    {
        Assert.Equal(expected, AcademicYear.FromDate(new DateOnly(y, m, d)).ToString());
    }

    [Fact]
    public void OrdersByStartYear()
    {
        Assert.True(AcademicYear.Parse("2015-16") < AcademicYear.Parse("2016-17"));
        Assert.True(AcademicYear.Parse("2016-17") >= AcademicYear.Parse("2016/17"));
    }
}
