using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Calendar;
using BackOnTrack.TestSamples;

namespace BackOnTrack.UnitTests.Core.BoardPack;

public class ActionPlanReturnsAndEarlyWarning
{
    private static readonly BoardPackModel Pack = BoardPackBuilder.Build(SampleBoardPack.Input());

    [Fact]
    public void EachPriorityCountsItsActionsByRagRatingOnTheAsOfDate()
    {
        var pathways = Assert.Single(Pack.ActionPlan.ByPriority, p => p.Priority == 2);

        // 2.2 due 18 Dec (amber), 2.3 due 30 Nov and not started (red), 2.4 complete (green).
        Assert.Equal("Seamless Pathways", pathways.Title);
        Assert.Equal((3.0, 1.0, 1.0, 1.0, 1.0), (pathways.Actions.Value!.Value, pathways.Red.Value!.Value, pathways.Amber.Value!.Value, pathways.Green.Value!.Value, pathways.Complete.Value!.Value));
        Assert.Equal(new RowRef("Actions", "semh-action-plan", "2.3", "DueDate"), Assert.Single(pathways.Red.Sources));
        Assert.Equal(6, Pack.ActionPlan.ByPriority.Count);
    }

    [Fact]
    public void OverdueMoreThan28DaysIsEscalatedAndTheRestIsOverdueEachWithItsOwners()
    {
        var plan = Pack.ActionPlan;

        Assert.Equal(["4.1", "1.7", "5.2"], plan.Escalated.Select(a => a.ActionRef));
        Assert.Equal(["2.3", "6.1"], plan.Overdue.Select(a => a.ActionRef));
        var specialist = Assert.Single(plan.Escalated, a => a.ActionRef == "1.7");
        Assert.Equal(["Head of Inclusion", "SEND Sufficiency Group"], specialist.Owners);
        Assert.Equal((44, "semh-action-plan/1.7"), (specialist.DaysOverdue, specialist.ActionId));
        Assert.Equal(12, Assert.Single(plan.Overdue, a => a.ActionRef == "6.1").DaysOverdue);
    }

    [Fact]
    public void AnActionRemovedFromItsPlanIsLeftOut()
    {
        var input = SampleBoardPack.Input();
        var removed = input.Actions[1] with { Action = input.Actions[1].Action with { RemovedFromPlan = true } };
        var pack = BoardPackBuilder.Build(input with { Actions = [.. input.Actions.Take(1), removed, .. input.Actions.Skip(2)] });

        Assert.DoesNotContain(pack.ActionPlan.Escalated, a => a.ActionRef == "1.7");
        Assert.Equal(2, Assert.Single(pack.ActionPlan.ByPriority, p => p.Priority == 1).Actions.Value);
    }

    [Fact]
    public void ReturnsOutstandingAreTheRegisteredSchoolsWithNoAcceptedDropThisTerm()
    {
        var returns = Pack.Returns;

        Assert.Equal(Period.Autumn, returns.Term);
        Assert.Equal(("9", "6"), (returns.Expected.Text, returns.Received.Text));
        Assert.Equal(["3721100", "3722011", "3722012"], returns.Outstanding.Select(o => o.Laestab));
        var badsley = Assert.Single(returns.Outstanding, o => o.Laestab == "3722011");
        Assert.Equal(("Badsley Primary School", "Rejected 16 Nov"), (badsley.Name, badsley.LatestStatus));
        Assert.Null(Assert.Single(returns.Outstanding, o => o.Laestab == "3721100").LatestStatus);
    }

    [Fact]
    public void WithoutARegisterNoReturnsAreExpected()
    {
        var pack = BoardPackBuilder.Build(SampleBoardPack.Input() with { Returns = null });

        Assert.Null(pack.Returns.Term);
        Assert.Empty(pack.Returns.Outstanding);
        Assert.Equal(FigureState.NotAvailable, pack.Returns.Expected.State);
    }

    [Fact]
    public void TheEarlyWarningSectionIsThereOnlyWhenTheHubHasAnEarlyWarningTable()
    {
        Assert.Null(BoardPackBuilder.Build(SampleBoardPack.Input(withEarlyWarnings: false)).EarlyWarnings);
        Assert.NotNull(Pack.EarlyWarnings);
    }

    [Fact]
    public void EarlyWarningReasonsAreThoseThatOccurInTheDesignsOrderAndOnlyFlaggedPupilsCount()
    {
        var warnings = Pack.EarlyWarnings!;

        Assert.Equal(
            ["RepeatSuspensions", "SuspensionsRising", "WithdrawnPermanent", "AttendanceFalling", "PersistentAbsence", "SevereAbsence", "PartTimeTimetable"],
            warnings.Reasons);
        Assert.Equal(["3722011", "3724001", "3724002", "3724003"], warnings.Schools.Select(s => s.Laestab));
        Assert.Equal("Maltby Academy", Assert.Single(warnings.Schools, s => s.Laestab == "3724003").Name);
        Assert.Equal(20, warnings.TotalByReason["PersistentAbsence"].Value);
        Assert.Equal(new RowRef("EarlyWarnings", "3724003", "*", "Flagged"), Assert.Single(warnings.Schools, s => s.Laestab == "3724003").Flagged.Source);
    }
}
