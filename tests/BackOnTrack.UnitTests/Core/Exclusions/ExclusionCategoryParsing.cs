using BackOnTrack.Core.Exclusions;

namespace BackOnTrack.UnitTests.Core.Exclusions;

public class ExclusionCategoryParsing
{
    [Theory]
    [InlineData("PERM", ExclusionCategory.Permanent)]
    [InlineData("Permanent", ExclusionCategory.Permanent)]
    [InlineData("Permanent exclusion", ExclusionCategory.Permanent)]
    [InlineData("FIXD", ExclusionCategory.Suspension)]
    [InlineData("Fixed", ExclusionCategory.Suspension)]
    [InlineData("Fixed Term", ExclusionCategory.Suspension)]
    [InlineData("fixed-period", ExclusionCategory.Suspension)]
    [InlineData("Fixed Period Exclusion", ExclusionCategory.Suspension)]
    [InlineData("Suspension", ExclusionCategory.Suspension)]
    [InlineData("LNCH", ExclusionCategory.Lunchtime)]
    [InlineData("Lunchtime", ExclusionCategory.Lunchtime)]
    public void ReadsCodesAndWords(string text, ExclusionCategory expected)
    {
        Assert.True(ExclusionCategories.TryParse(text, out var category));
        Assert.Equal(expected, category);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Internal")]
    [InlineData("Isolation")]
    [InlineData("Exclusion")]
    public void RejectsWhatIsNotAnExclusionCategory(string text)
    {
        // Internal exclusion or isolation is not an exclusion in law (docs/domain.md §Categories).
        Assert.False(ExclusionCategories.TryParse(text, out _));
    }

    [Theory]
    [InlineData(ExclusionCategory.Permanent, "PERM")]
    [InlineData(ExclusionCategory.Suspension, "FIXD")]
    [InlineData(ExclusionCategory.Lunchtime, "LNCH")]
    public void WritesTheCensusCode(ExclusionCategory category, string code)
    {
        Assert.Equal(code, category.ToCode());
    }
}
