using System.Text;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.EarlyWarning;

public class ASchoolsRoll
{
    private static readonly string First = TestDrops.UpnFor(1);
    private static readonly string Second = TestDrops.UpnFor(2);

    private static SchoolRoll Csv(string text) => SchoolRoll.FromFile(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void AJsonListIsReadInOrderWithEachUpnOnceAndItsPosition()
    {
        var roll = SchoolRoll.FromList([First, " " + Second.ToLowerInvariant() + " ", First]);

        Assert.True(roll.IsValid);
        Assert.Equal([(1, First), (2, Second)], roll.Pupils.Select(p => (p.Line, p.Upn.Value)));
    }

    [Fact]
    public void AnInvalidUpnIsAnsweredByItsLineWithoutRepeatingItAndNothingIsChecked()
    {
        var roll = SchoolRoll.FromList([First, "X123", Second, null]);

        Assert.False(roll.IsValid);
        Assert.Empty(roll.Pupils);
        Assert.Equal([2, 4], roll.Problems.Select(p => p.Line));
        Assert.DoesNotContain(roll.Problems, p => p.Problem.Contains("X123", StringComparison.Ordinal));
    }

    [Fact]
    public void ACsvFileIsReadFromItsUpnColumnWithTheFilesLineNumbers()
    {
        var roll = Csv($"Surname,UPN,Year\nSmith,{First},9\n\nJones,{Second},10\n");

        Assert.True(roll.IsValid);
        Assert.Equal([(2, First), (4, Second)], roll.Pupils.Select(p => (p.Line, p.Upn.Value)));
    }

    [Fact]
    public void ACsvFileWithoutAUpnColumnIsRefusedAtItsFirstLine()
    {
        var problem = Assert.Single(Csv($"Pupil,Year\n{First},9\n").Problems);

        Assert.Equal(1, problem.Line);
        Assert.Contains("UPN column", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyRollAndAMissingListAreRefusedAsAWhole()
    {
        Assert.Equal(0, Assert.Single(SchoolRoll.FromList([]).Problems).Line);
        Assert.Equal(0, Assert.Single(SchoolRoll.FromList(null).Problems).Line);
        Assert.Equal(0, Assert.Single(Csv("UPN\n").Problems).Line);
    }

    [Fact]
    public void ARollOfExactlyTheLimitIsCheckedAndOneMoreIsRefused()
    {
        var limit = Enumerable.Range(0, SchoolRoll.MaxPupils).Select(i => (string?)TestDrops.WithCheckLetter("372400" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.True(SchoolRoll.FromList(limit).IsValid);

        var tooMany = SchoolRoll.FromList([.. limit, First]);
        Assert.Contains("at most 5,000", Assert.Single(tooMany.Problems).Problem, StringComparison.Ordinal);
        Assert.True(Csv("UPN\n" + string.Join('\n', limit) + "\n").IsValid);
        Assert.Contains("at most 5,000", Assert.Single(Csv("UPN\n" + string.Join('\n', limit) + "\n" + First + "\n").Problems).Problem, StringComparison.Ordinal);
    }
}
