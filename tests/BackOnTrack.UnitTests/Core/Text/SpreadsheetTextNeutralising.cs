using BackOnTrack.Core.Text;

namespace BackOnTrack.UnitTests.Core.Text;

public class SpreadsheetTextNeutralising
{
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"Click\")", "'=HYPERLINK(\"https://evil.example\",\"Click\")")]
    [InlineData("+44 114 000 0000", "'+44 114 000 0000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("\n=1+1", "'\n=1+1")]
    public void PrefixesAnApostropheToTextASpreadsheetWouldRunAsAFormula(string value, string expected)
    {
        Assert.Equal(expected, SpreadsheetText.Neutralise(value));
    }

    [Theory]
    [InlineData("Head of Inclusion")]
    [InlineData("UPN")]
    [InlineData("1+1")]
    [InlineData(" =1")]
    [InlineData("'=already text")]
    [InlineData("Smith = Jones")]
    public void LeavesOtherTextAsItIs(string value)
    {
        Assert.Same(value, SpreadsheetText.Neutralise(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ReadsNullAndEmptyAsEmpty(string? value)
    {
        Assert.Equal(string.Empty, SpreadsheetText.Neutralise(value));
    }

    [Theory]
    [InlineData("Sessions", "\"Sessions\"")]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("Say \"no\", twice", "\"Say \"\"no\"\", twice\"")]
    [InlineData(null, "\"\"")]
    public void QuotesACsvCellAfterNeutralisingIt(string? value, string expected)
    {
        Assert.Equal(expected, SpreadsheetText.CsvCell(value));
    }
}
