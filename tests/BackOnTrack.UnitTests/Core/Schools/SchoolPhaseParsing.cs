using BackOnTrack.Core.Schools;

namespace BackOnTrack.UnitTests.Core.Schools;

public class SchoolPhaseParsing
{
    [Theory]
    [InlineData("PS", SchoolPhase.Primary)]
    [InlineData("MP", SchoolPhase.Primary)]
    [InlineData("NS", SchoolPhase.Primary)]
    [InlineData("SS", SchoolPhase.Secondary)]
    [InlineData("MS", SchoolPhase.Secondary)]
    [InlineData("AT", SchoolPhase.Secondary)]
    [InlineData("SP", SchoolPhase.Special)]
    [InlineData("PR", SchoolPhase.AlternativeProvision)]
    public void MapsCensusPhaseCodes(string code, SchoolPhase phase)
    {
        Assert.True(SchoolPhases.TryParse(code.ToLowerInvariant(), out var parsed));
        Assert.Equal(phase, parsed);
    }

    [Theory]
    [InlineData("Primary", SchoolPhase.Primary)]
    [InlineData("Middle deemed primary", SchoolPhase.Primary)]
    [InlineData("Nursery", SchoolPhase.Primary)]
    [InlineData("Secondary", SchoolPhase.Secondary)]
    [InlineData("All-through", SchoolPhase.Secondary)]
    [InlineData("Middle deemed secondary", SchoolPhase.Secondary)]
    [InlineData("Special", SchoolPhase.Special)]
    [InlineData("Alternative Provision", SchoolPhase.AlternativeProvision)]
    [InlineData("Pupil referral unit", SchoolPhase.AlternativeProvision)]
    [InlineData("PRU", SchoolPhase.AlternativeProvision)]
    public void MapsPhaseWords(string words, SchoolPhase phase)
    {
        Assert.True(SchoolPhases.TryParse(words, out var parsed));
        Assert.Equal(phase, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("16 plus")]
    [InlineData("Not applicable")]
    [InlineData("XX")]
    public void RejectsOtherPhases(string text)
    {
        Assert.False(SchoolPhases.TryParse(text, out _));
    }
}
