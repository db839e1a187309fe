using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Prompts;

namespace BackOnTrack.UnitTests.Core.Prompts;

public sealed class PromptSelection
{
    private static readonly DateOnly AsOf = new(2019, 10, 1);

    private static readonly Owner[] Owners =
    [
        new("RMBC Head of Inclusion", "head.inclusion@rotherham.example", Guid.Parse("8d037ebb-46cf-52e5-86de-622c73bba6aa")),
        new("Service Manager, Early Help", "early.help@rotherham.example", null),
        new("Early Help Lead", "EARLY.HELP@rotherham.example", null),
        new("Rotherham Trailblazer Local Reference Group", "", null),
    ];

    private static PlannedAction Action(
        string key, DateOnly? due, ActionStatus? status = ActionStatus.InProgress, string[]? owners = null, string[]? unresolved = null, bool removed = false, int priority = 1) =>
        new("semh-action-plan", new StoredAction(
            new PlanAction(key, key, priority, $"Priority {priority}", $"Action {key}", status, null, due?.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "Ongoing", due, [], owners ?? ["RMBC Head of Inclusion"], unresolved ?? [], 1),
            status,
            null,
            removed));

    [Theory]
    [InlineData("2019-10-01", PromptKind.Due)]
    [InlineData("2019-10-15", PromptKind.Due)]
    [InlineData("2019-10-16", null)]
    [InlineData("2019-09-30", PromptKind.Overdue)]
    [InlineData("2018-10-31", PromptKind.Overdue)]
    public void AnOpenActionIsDueFromItsDateUpToFourteenDaysAheadAndOverdueAfter(string due, PromptKind? expected) =>
        Assert.Equal(expected, PromptWindow.KindOf(Action("1.1", DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture)).Action, AsOf));

    [Fact]
    public void CompleteRemovedAndUndatedActionsAreNeverPrompted()
    {
        Assert.Null(PromptWindow.KindOf(Action("1.1", AsOf.AddDays(-3), ActionStatus.Complete).Action, AsOf));
        Assert.Null(PromptWindow.KindOf(Action("1.2", AsOf.AddDays(-3), removed: true).Action, AsOf));
        Assert.Null(PromptWindow.KindOf(Action("1.3", due: null).Action, AsOf));
        Assert.Equal(PromptKind.Overdue, PromptWindow.KindOf(Action("1.4", AsOf.AddDays(-3), status: null).Action, AsOf));
    }

    [Fact]
    public void PromptsEachPersonHoldingARoleOfEachDueOrOverdueActionAndNobodyElse()
    {
        var schedule = PromptPlanner.Plan(
        [
            Action("1.1", AsOf.AddDays(-30)),
            Action("1.2", AsOf.AddDays(3), owners: ["RMBC Head of Inclusion", "Service Manager, Early Help"]),
            Action("1.3", AsOf.AddDays(40), owners: ["Service Manager, Early Help"]),
            Action("1.4", AsOf.AddDays(-2), ActionStatus.Complete, owners: ["Service Manager, Early Help"]),
        ], Owners, AsOf);

        Assert.Equal(
            ["1.1 Overdue head.inclusion@rotherham.example", "1.2 Due head.inclusion@rotherham.example", "1.2 Due early.help@rotherham.example"],
            schedule.Prompts.Select(p => $"{p.Action.ActionKey} {p.Kind} {p.Person.Upn}"));
        Assert.Empty(schedule.Unprompted);
    }

    [Fact]
    public void APersonHoldingTwoOfAnActionsRolesIsPromptedOnceNamingBoth()
    {
        var schedule = PromptPlanner.Plan([Action("2.2", AsOf.AddDays(1), owners: ["Service Manager, Early Help", "Early Help Lead"])], Owners, AsOf);

        var prompt = Assert.Single(schedule.Prompts);
        Assert.Equal(["Service Manager, Early Help", "Early Help Lead"], prompt.Roles);
        Assert.Equal("semh-action-plan/2.2/EARLY.HELP@ROTHERHAM.EXAMPLE", prompt.LedgerKey);
    }

    [Fact]
    public void ReportsRolesWithoutAPersonAndOwnerTextNoRoleMatchedInsteadOfGuessing()
    {
        var schedule = PromptPlanner.Plan(
        [
            Action("1.6", AsOf.AddDays(-60), owners: ["Rotherham Trailblazer Local Reference Group", "Joint Workforce Project Lead"], unresolved: ["Various leads"]),
        ], Owners, AsOf);

        Assert.Empty(schedule.Prompts);
        Assert.Equal(
            [
                "Rotherham Trailblazer Local Reference Group: The owners file gives no person for the role.",
                "Joint Workforce Project Lead: The role is not in the owners file.",
                "Various leads: The owner text matches no role in the owners file.",
            ],
            schedule.Unprompted.Select(u => $"{u.Owner}: {u.Reason}"));
    }

    [Fact]
    public void TheStandingCountsCurrentActionsAndListsDueAndOverdueEarliestFirst()
    {
        var standing = PlanStanding.Of(
        [
            Action("1.1", AsOf.AddDays(-3), priority: 1),
            Action("1.2", AsOf.AddDays(-40), priority: 1),
            Action("2.1", AsOf.AddDays(10), ActionStatus.NotStarted, priority: 2),
            Action("2.2", AsOf.AddDays(-10), ActionStatus.Complete, priority: 2),
            Action("2.3", AsOf.AddDays(-10), removed: true, priority: 2),
            Action("3.1", due: null, status: null, priority: 3),
        ], AsOf);

        Assert.Equal(5, standing.Actions);
        Assert.Equal((1, 2, 1, 1), (standing.ByStatus[ActionStatus.NotStarted], standing.ByStatus[ActionStatus.InProgress], standing.ByStatus[ActionStatus.Complete], standing.WithoutStatus));
        Assert.Equal(["1: 2 (0 done)", "2: 2 (1 done)", "3: 1 (0 done)"], standing.ByPriority.Select(p => $"{p.Priority}: {p.Actions} ({p.Complete} done)"));
        Assert.Equal(["1.2", "1.1"], standing.Overdue.Select(a => a.ActionKey));
        Assert.Equal(["2.1"], standing.Due.Select(a => a.ActionKey));
    }

    [Theory]
    [InlineData("2019-10-01T06:30:00Z", "2019-10-01", "2019-W40")]
    // 23:30 UTC on Sunday 6 October 2019 is already Monday in British Summer Time: a new week.
    [InlineData("2019-10-06T23:30:00Z", "2019-10-07", "2019-W41")]
    // In winter London is on UTC.
    [InlineData("2019-12-29T23:30:00Z", "2019-12-29", "2019-W52")]
    // ISO week-numbering: Monday 30 December 2019 is in week 1 of 2020.
    [InlineData("2019-12-30T06:30:00Z", "2019-12-30", "2020-W01")]
    public void TheWeekIsTheIsoWeekOfTheDateInLondon(string instant, string date, string week)
    {
        var day = UkTime.DateOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(date, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(week, IsoWeek.Of(day).ToString());
    }
}
