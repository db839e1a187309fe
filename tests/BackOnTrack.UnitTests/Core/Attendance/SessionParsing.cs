using BackOnTrack.Core.Attendance;

namespace BackOnTrack.UnitTests.Core.Attendance;

public class SessionParsing
{
    [Theory]
    [InlineData("AM", Session.AM)]
    [InlineData("am", Session.AM)]
    [InlineData("a.m.", Session.AM)]
    [InlineData("Morning", Session.AM)]
    [InlineData("PM", Session.PM)]
    [InlineData(" p.m. ", Session.PM)]
    [InlineData("afternoon", Session.PM)]
    public void ReadsAmAndPm(string text, Session expected)
    {
        Assert.True(Sessions.TryParse(text, out var session));
        Assert.Equal(expected, session);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("Evening")]
    [InlineData("1")]
    public void RejectsOtherText(string text)
    {
        Assert.False(Sessions.TryParse(text, out _));
    }
}
