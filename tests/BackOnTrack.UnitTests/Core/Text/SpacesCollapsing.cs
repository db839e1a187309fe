using BackOnTrack.Core.Text;

namespace BackOnTrack.UnitTests.Core.Text;

public class SpacesCollapsing
{
    [Theory]
    [InlineData("  Action   plan\u00A0 owner \t", "Action plan owner")]
    [InlineData("one\r\n\r\ntwo", "one two")]
    [InlineData("", "")]
    [InlineData(" \u00A0 ", "")]
    public void RunsOfWhiteSpaceBecomeOneSpaceAndNoneIsLeftAtEitherEnd(string text, string expected) =>
        Assert.Equal(expected, Spaces.Collapse(text));

    [Fact]
    public void ByDefaultControlCharactersAndInvisibleMarksAreKeptAsTheyAre() =>
        Assert.Equal("a\u0001b \u202Ec\u200B", Spaces.Collapse("a\u0001b  \u202Ec\u200B"));

    [Fact]
    public void ControlCharactersAndLineSeparatorsCanCountAsSpaces() =>
        Assert.Equal("a b c", Spaces.Collapse("a\u0001b\u2028\u2029c\u0007", SpaceRules.ControlsAreSpaces));

    [Fact]
    public void InvisibleDirectionMarksAndZeroWidthSpacesCanBeDropped() =>
        Assert.Equal("evil.exe", Spaces.Collapse("\u202Eevil\u200B.\u2066exe\u200F", SpaceRules.DropInvisible));

    [Fact]
    public void NullReadsAsEmpty() => Assert.Equal("", Spaces.Collapse(null));
}
