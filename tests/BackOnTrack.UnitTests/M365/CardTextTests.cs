using BackOnTrack.M365.Digest;

namespace BackOnTrack.UnitTests.M365;

public class CardTextTests
{
    [Theory]
    [InlineData("Reduce suspensions by 10% in 2025-26 (phase 2)", "Reduce suspensions by 10% in 2025-26 (phase 2)")]
    [InlineData("3.2", "3.2")]
    [InlineData("Head of Inclusion; SEMH Lead", "Head of Inclusion; SEMH Lead")]
    [InlineData("-5% on last year", "-5% on last year")]
    [InlineData("- a bullet", "\\- a bullet")]
    [InlineData("+ a bullet", "\\+ a bullet")]
    [InlineData("1. a numbered item", "1\\. a numbered item")]
    [InlineData("12) a numbered item", "12\\) a numbered item")]
    [InlineData("# heading", "\\# heading")]
    [InlineData("> quote", "\\> quote")]
    [InlineData("[tracker](https://x.example)", "\\[tracker\\](https:\u200B//x.example)")]
    [InlineData("**bold** and _italic_", "\\*\\*bold\\*\\* and \\_italic\\_")]
    [InlineData("<at>Jo</at>", "\\<at\\>Jo\\</at\\>")]
    [InlineData("{{DATE(2026-11-02T00:00:00Z, SHORT)}}", "{\u200B{DATE(2026-11-02T00:00:00Z, SHORT)}}")]
    [InlineData("see www.example.org", "see www\u200B.example.org")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("line one\r\nline two\tthree\u2028four", "line one line two three four")]
    [InlineData("  padded  ", "padded")]
    [InlineData("right\u202Eto left", "rightto left")]
    [InlineData(null, "")]
    public void NeutralisesMarkupAndLeavesOrdinaryTextAlone(string? input, string expected) =>
        Assert.Equal(expected, CardText.Plain(input));

    [Fact]
    public void LongTextIsCutWithAnEllipsisBeforeEscaping()
    {
        Assert.Equal("abcdefghi…", CardText.Plain("abcdefghijklmnop", 10));
        Assert.Equal("\\*\\*\\*\\*…", CardText.Plain("**********", 5));
    }

    [Fact]
    public void ASurrogatePairIsNeverSplit()
    {
        var text = CardText.Plain("ab😀cd", 4);

        Assert.Equal("ab…", text);
    }
}
