using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.UnitTests.Core.Identifiers;

public class LaestabParsing
{
    [Theory]
    [InlineData("8053329")]
    [InlineData(" 8053329 ")]
    [InlineData("805/3329")]
    [InlineData("805-3329")]
    public void AcceptsSevenDigitsWithOrWithoutTheDfeNumberSeparator(string text)
    {
        Assert.True(Laestab.TryParse(text, out var laestab, out var reason), reason);
        Assert.Equal("8053329", laestab.Value);
        Assert.Equal("805", laestab.LaCode);
    }

    [Theory]
    [InlineData("805332")]
    [InlineData("80533291")]
    [InlineData("805/332")]
    [InlineData("80/53329")]
    [InlineData("805 3329")]
    [InlineData("A053329")]
    public void RejectsAnythingButSevenDigits(string text)
    {
        Assert.False(Laestab.TryParse(text, out _, out var reason));
        Assert.StartsWith("LAESTAB must be 7 digits", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsMissingLaestab()
    {
        Assert.False(Laestab.TryParse("", out _, out var reason));
        Assert.Equal("LAESTAB is missing.", reason);
    }

    [Fact]
    public void ComparesByValue()
    {
        Assert.Equal(Laestab.Parse("372/4001"), Laestab.Parse("3724001"));
        Assert.Throws<FormatException>(() => Laestab.Parse("372"));
    }
}
