using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.UnitTests.Core.Identifiers;

public class TableKeyEncoding
{
    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData(@"a\b", "a%5Cb")]
    [InlineData("a#b", "a%23b")]
    [InlineData("a?b", "a%3Fb")]
    [InlineData("100%", "100%25")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("nul\0", "nul%00")]
    [InlineData("del\u007f", "del%7F")]
    [InlineData("c1\u0085", "c1%85")]
    public void EscapesTheCharactersTableKeysForbidAndThePercentSign(string text, string key)
    {
        Assert.Equal(key, TableKey.Encode(text));
        Assert.Equal(text, TableKey.Decode(key));
    }

    [Theory]
    [InlineData("Head of Inclusion")]
    [InlineData("Año-é £5")]
    [InlineData("")]
    public void LeavesOrdinaryTextAlone(string text)
    {
        Assert.Same(text, TableKey.Encode(text));
    }

    [Fact]
    public void RoundTripsEveryCharacterThatNeedsEscaping()
    {
        var all = new string([.. Enumerable.Range(0, 0xA0).Select(i => (char)i), '/', '\\', '#', '?', '%', 'é']);

        var key = TableKey.Encode(all);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.Equal(all, TableKey.Decode(key));
    }

    [Theory]
    [InlineData("50%")]
    [InlineData("50%2")]
    [InlineData("50%G1")]
    public void RefusesMalformedEscapes(string key)
    {
        Assert.Throws<FormatException>(() => TableKey.Decode(key));
    }
}
