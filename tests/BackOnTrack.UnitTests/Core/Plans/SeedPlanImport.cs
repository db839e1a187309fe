using BackOnTrack.Core.Plans;

namespace BackOnTrack.UnitTests.Core.Plans;

/// <summary>
/// The acceptance case: the strategy's action plan (seed 001, "What Does Success Look Like?" onwards), exported to
/// CSV (Windows-1252, as Excel writes it) and to XLSX (ids as numbers, headings merged across the row), imported
/// with an owners file of the plan's roles.
/// </summary>
public class SeedPlanImport
{
    private const string HeadOfInclusion = "RMBC Head of Inclusion";
    private const string Camhs = "RDaSH CAMHS Service Manager";
    private const string JointAd = "Joint AD Commissioning, Performance & Inclusion";
    private const string Finance = "Head of Finance CYPS";
    private const string Workforce = "Joint Workforce Project Lead";
    private const string PerformanceQuality = "RMBC Head of Service, Performance & Quality";
    private const string VariousLeads = "Various leads";
    private const string Oversight = "oversight by SEND Sufficiency Group";

    // Key, priority, status, due date, milestones, owners, unresolved owners: every action of the seed's table.
    private static readonly (string Key, int Priority, ActionStatus Status, string Due, string[] Milestones, string[] Owners, string[] Unresolved)[] Expected =
    [
        ("1.1", 1, ActionStatus.Complete, "2018-10-31", [], [HeadOfInclusion], []),
        ("1.2", 1, ActionStatus.Complete, "2018-11-30", [], [HeadOfInclusion], []),
        ("1.3", 1, ActionStatus.Complete, "2019-04-30", [], [HeadOfInclusion], []),
        ("1.4", 1, ActionStatus.Complete, "2019-05-31", [], [HeadOfInclusion], []),
        ("1.5", 1, ActionStatus.Complete, "2019-05-31", [], [HeadOfInclusion], []),
        ("1.6", 1, ActionStatus.InProgress, "2019-07-31", [], [], [VariousLeads, Oversight]),
        ("1.7", 1, ActionStatus.InProgress, "2021-09-30", ["2019-09-30"], [], [VariousLeads, Oversight]),
        ("2.1", 2, ActionStatus.Complete, "2019-04-30", [], [Camhs], []),
        ("2.2", 2, ActionStatus.InProgress, "2019-12-31", [], [Camhs], []),
        ("2.3", 2, ActionStatus.Complete, "2019-06-30", [], ["RCCG Commissioning Manager"], []),
        ("2.4", 2, ActionStatus.InProgress, "2019-07-31", [], ["Rotherham Trailblazer Project Lead"], []),
        ("2.5", 2, ActionStatus.InProgress, "2019-12-31", [], ["Rotherham Trailblazer Local Reference Group"], []),
        ("2.6", 2, ActionStatus.InProgress, "2020-04-30", [], [Camhs], []),
        ("2.7", 2, ActionStatus.InProgress, "2019-12-31", [], [Camhs], []),
        ("2.8", 2, ActionStatus.InProgress, "2019-12-31", [], [JointAd], []),
        ("3.1", 3, ActionStatus.NotStarted, "2019-09-30", [], [JointAd], []),
        ("3.2", 3, ActionStatus.InProgress, "2019-09-30", [], [HeadOfInclusion], []),
        ("3.2-2", 3, ActionStatus.InProgress, "2019-11-30", [], [JointAd], []),
        ("3.3", 3, ActionStatus.NotStarted, "2020-01-31", [], [JointAd], []),
        ("3.3-2", 3, ActionStatus.InProgress, "2019-09-30", [], [JointAd, Finance], []),
        ("3.4", 3, ActionStatus.InProgress, "2019-09-30", [], [JointAd, Finance], []),
        ("3.5", 3, ActionStatus.NotStarted, "2020-07-31", [], [JointAd], []),
        ("4.1", 4, ActionStatus.InProgress, "2020-07-31", [], ["Service Manager, Early Help"], []),
        ("4.2", 4, ActionStatus.InProgress, "2020-09-30", [], [HeadOfInclusion], []),
        ("4.3", 4, ActionStatus.InProgress, "2019-11-30", ["2020-07-31"], ["RMBC Principal Psychologist"], []),
        ("4.4", 4, ActionStatus.NotStarted, "2020-09-30", [], [JointAd], []),
        ("5.1", 5, ActionStatus.InProgress, "2019-10-31", [], [HeadOfInclusion], []),
        ("5.2", 5, ActionStatus.NotStarted, "2020-04-30", [], [Workforce], []),
        ("5.3", 5, ActionStatus.NotStarted, "2020-04-30", [], [Workforce], []),
        ("5.4", 5, ActionStatus.NotStarted, "2020-07-31", [], [Workforce], []),
        ("5.6", 5, ActionStatus.NotStarted, "2020-04-30", [], [Workforce], []),
        ("5.7", 5, ActionStatus.NotStarted, "2020-07-31", [], [Workforce], []),
        ("5.8", 5, ActionStatus.NotStarted, "2020-09-30", [], [Workforce], []),
        ("6.1", 6, ActionStatus.InProgress, "2019-12-31", [], [Camhs, "Rotherham Trailblazer Strategic Lead"], []),
        ("6.2", 6, ActionStatus.InProgress, "2020-04-30", [], ["RCCG Senior Commissioning Manager"], []),
        ("6.3", 6, ActionStatus.InProgress, "2020-04-30", [], [PerformanceQuality], []),
        ("6.4", 6, ActionStatus.NotStarted, "2020-07-31", [], [PerformanceQuality], []),
        ("6.6", 6, ActionStatus.InProgress, "2020-09-30", [], [PerformanceQuality], []),
    ];

    public static TheoryData<string> PlanExports => new() { PlanFiles.PlanCsv, PlanFiles.PlanXlsx };

    private static PlanImport Import(string fileName)
    {
        var import = ActionPlanReader.Read(PlanFiles.FixtureRows(fileName), PlanFiles.SeedResolver());
        Assert.Null(import.Rejection);
        return import;
    }

    [Theory]
    [MemberData(nameof(PlanExports))]
    public void Every_action_of_the_seed_comes_through_with_its_priority_status_dates_and_owners(string fileName)
    {
        var actions = Import(fileName).Actions;

        Assert.Equal(38, actions.Count);
        Assert.Equal(Expected.Select(e => e.Key), actions.Select(a => a.ActionKey));
        foreach (var (expected, action) in Expected.Zip(actions))
        {
            Assert.Equal(expected.Priority, action.Priority);
            Assert.Equal(expected.Status, action.Status);
            Assert.Equal(expected.Due, ActionValues.Date(action.DueDate));
            Assert.Equal(expected.Milestones, action.Milestones.Select(d => ActionValues.Date(d)));
            Assert.Equal(expected.Owners, action.Owners);
            Assert.Equal(expected.Unresolved, action.UnresolvedOwners);
            Assert.Null(action.LastNote);
        }
    }

    [Theory]
    [MemberData(nameof(PlanExports))]
    public void The_report_names_the_repeated_ids_and_the_owners_no_role_matches_and_nothing_else(string fileName)
    {
        var report = Import(fileName).Report;

        Assert.Equal(
            [
                (10, "1.6", PlanIssue.UnresolvedOwner),
                (10, "1.6", PlanIssue.UnresolvedOwner),
                (11, "1.7", PlanIssue.UnresolvedOwner),
                (11, "1.7", PlanIssue.UnresolvedOwner),
                (24, "3.2-2", PlanIssue.RepeatedId),
                (26, "3.3-2", PlanIssue.RepeatedId),
            ],
            report.Select(e => (e.RowNumber, e.Subject, e.Issue)));
        Assert.Equal("The id 3.2 appears again (first at row 23); this action is imported as 3.2-2.", report[4].Message);
        Assert.Equal(
            "Action 1.6: the owner 'Various leads' matches no role in the owners file; it is kept in UnresolvedOwners and no one is prompted for it.",
            report[0].Message);
    }

    [Theory]
    [MemberData(nameof(PlanExports))]
    public void Priority_headings_give_each_action_its_priority_title(string fileName)
    {
        var titles = Import(fileName).Actions.DistinctBy(a => a.Priority).ToDictionary(a => a.Priority, a => a.PriorityTitle);

        Assert.Equal(6, titles.Count);
        Assert.Equal("Sufficiency: develop local education provision that responds to need – this will include flexible and specialist provision", titles[1]);
        Assert.Equal("Outcomes Focused and Value for Money: ensure that all activity can demonstrate clear outcomes and value for money", titles[6]);
    }

    [Theory]
    [MemberData(nameof(PlanExports))]
    public void A_multi_line_action_keeps_its_sub_steps_as_lines_without_blank_lines_or_doubled_spaces(string fileName)
    {
        var action = Import(fileName).Actions.Single(a => a.ActionKey == "3.2-2");

        Assert.Equal("3.2", action.ActionRef);
        Assert.Equal(
            """
            Ensure that Rotherham’s Pupil Referral Units are fit for purpose:
            Complete a best value review
            Review governance arrangements
            Review pupil numbers
            Agree funding arrangements
            Agree pathways for multi-agency support
            Review designation and re-designate where appropriate
            Map pathways in and out of Pupil Referral Units
            """.ReplaceLineEndings("\n"),
            action.Title);
    }

    [Theory]
    [MemberData(nameof(PlanExports))]
    public void Target_texts_are_kept_as_written_on_one_line(string fileName)
    {
        var actions = Import(fileName).Actions.ToDictionary(a => a.ActionKey);

        Assert.Equal("November 2019 & refreshed July 2020", actions["4.3"].TargetText);
        Assert.Equal("Phased approach September 2019 – September 2021", actions["1.7"].TargetText);
        Assert.Equal("November 2018", actions["1.2"].TargetText);
    }

    [Fact]
    public void The_CSV_and_XLSX_exports_import_identically()
    {
        var csv = Import(PlanFiles.PlanCsv).Actions;
        var xlsx = Import(PlanFiles.PlanXlsx).Actions;

        Assert.Equal(csv.Count, xlsx.Count);
        foreach (var (fromCsv, fromXlsx) in csv.Zip(xlsx))
        {
            foreach (var field in Enum.GetValues<ActionField>().Where(f => f != ActionField.RemovedFromPlan))
            {
                Assert.Equal(fromCsv.ValueOf(field), fromXlsx.ValueOf(field));
            }
        }
    }

    [Fact]
    public void The_plan_and_the_owners_file_are_told_apart_by_their_headings()
    {
        var plan = PlanFileDetector.Detect(PlanFiles.FixtureRows(PlanFiles.PlanXlsx));
        var owners = PlanFileDetector.Detect(PlanFiles.FixtureRows(PlanFiles.OwnersCsv));

        Assert.Equal((PlanFileKind.ActionPlan, 3), (plan.Kind, plan.HeaderRowNumber));
        Assert.True(plan.IsReadable);
        Assert.Equal((PlanFileKind.Owners, 1), (owners.Kind, owners.HeaderRowNumber));
    }

    [Fact]
    public void A_first_import_of_the_seed_adds_every_action_with_an_event_for_each_value()
    {
        var changes = PlanChanges.Compute([], Import(PlanFiles.PlanCsv).Actions);

        Assert.Equal(38, changes.Count);
        Assert.All(changes, c => Assert.Equal(ActionChangeKind.Added, c.Kind));
        var first = changes[0];
        Assert.Equal(
            [
                new FieldChange(ActionField.Priority, null, "1"),
                new FieldChange(ActionField.PriorityTitle, null, "Sufficiency: develop local education provision that responds to need – this will include flexible and specialist provision"),
                new FieldChange(ActionField.ActionRef, null, "1.1"),
                new FieldChange(ActionField.Title, null, "Develop robust SEND Sufficiency Data"),
                new FieldChange(ActionField.Status, null, "Complete"),
                new FieldChange(ActionField.TargetText, null, "October 2018"),
                new FieldChange(ActionField.DueDate, null, "2018-10-31"),
                new FieldChange(ActionField.Owners, null, "[\"RMBC Head of Inclusion\"]"),
                new FieldChange(ActionField.UnresolvedOwners, null, "[]"),
            ],
            first.Fields);
    }

    [Fact]
    public void Uploading_the_same_plan_again_changes_nothing()
    {
        var actions = Import(PlanFiles.PlanCsv).Actions;
        var stored = actions.Select(StoredAction.FirstImport).ToList();

        Assert.Empty(PlanChanges.Compute(stored, Import(PlanFiles.PlanXlsx).Actions));
    }
}
