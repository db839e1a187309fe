using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.UnitTests.Core.Identifiers;

public class UpnParsing
{
    [Theory]
    [InlineData("B801200005001")] // docs/domain.md §UPN: weighted sum 93, 93 mod 23 = 1 → B
    [InlineData("P207000016049")] // docs/domain.md §UPN: sum 266, remainder 13 → P
    public void AcceptsTheDomainTestVectors(string text)
    {
        Assert.True(Upn.TryParse(text, out var upn, out var reason), reason);
        Assert.Equal(text, upn.Value);
        Assert.False(upn.IsTemporary);
    }

    [Fact]
    public void RejectsArborsArithmeticallyWrongWorkedExample()
    {
        // Arbor's and Juniper's help gives 267 → Q for this body; the sum is 266, so Q is wrong (docs/domain.md §UPN).
        Assert.False(Upn.TryParse("Q207000016049", out _, out var reason));
        Assert.Contains("check letter", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsUpnWithWrongCheckLetter()
    {
        Assert.False(Upn.TryParse("C801200005001", out _, out var reason));
        Assert.Equal("UPN check letter does not match the rest of the number.", reason);
    }

    [Fact]
    public void AcceptsTemporaryUpnWhoseLastLetterCountsInTheCheck()
    {
        // Body 20700001604A: 2·2 + 7·4 + 1·9 + 6·10 + 4·12 + A(0)·13 = 149; 149 mod 23 = 11 → M.
        Assert.True(Upn.TryParse("M20700001604A", out var upn, out var reason), reason);
        Assert.True(upn.IsTemporary);
        Assert.False(Upn.TryParse("N20700001604A", out _, out _));
    }

    [Theory]
    [InlineData("Z20700001604I")]
    [InlineData("Z20700001604O")]
    [InlineData("Z20700001604S")]
    public void RejectsTemporaryUpnEndingInALetterOutsideTheTable(string text)
    {
        Assert.False(Upn.TryParse(text, out _, out var reason));
        Assert.Contains("letter other than I, O or S", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TrimsAndUpperCases()
    {
        Assert.True(Upn.TryParse("  b801200005001 ", out var upn, out _));
        Assert.Equal("B801200005001", upn.Value);
    }

    [Theory]
    [InlineData(null, "UPN is missing.")]
    [InlineData("   ", "UPN is missing.")]
    [InlineData("B80120000500", "UPN must be 13 characters (it has 12).")]
    [InlineData("B8012000050011", "UPN must be 13 characters (it has 14).")]
    [InlineData("1801200005001", "UPN must start with a check letter (A–Z without I, O or S).")]
    [InlineData("I801200005001", "UPN must start with a check letter (A–Z without I, O or S).")]
    [InlineData("B8012X0005001", "UPN characters 2 to 12 must be digits.")]
    public void SaysWhatIsWrongWithoutRepeatingTheValue(string? text, string expected)
    {
        Assert.False(Upn.TryParse(text, out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void NeverShowsTheUpnThroughToString()
    {
        Assert.True(Upn.TryParse("B801200005001", out var upn, out _));

        Assert.DoesNotContain("801200005001", upn.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("801200005001", $"{upn}", StringComparison.Ordinal);
    }

    [Fact]
    public void ComputesCheckLettersForSampleData()
    {
        Assert.Equal('B', Upn.CheckLetterFor("801200005001"));
        Assert.Equal('P', Upn.CheckLetterFor("207000016049"));
        Assert.Equal('M', Upn.CheckLetterFor("20700001604A"));
    }
}
