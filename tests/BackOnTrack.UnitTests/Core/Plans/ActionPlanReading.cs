using BackOnTrack.Core.Plans;

namespace BackOnTrack.UnitTests.Core.Plans;

public class ActionPlanReading
{
    private const string Heading = "(1) Sufficiency: develop local education provision,,,,\n";

    private static PlanAction SingleAction(string progress)
    {
        var import = PlanFiles.ReadPlan(Heading + $"1.1,Develop robust SEND Sufficiency Data,\"{progress}\",October 2018,RMBC Head of Inclusion\n");
        return Assert.Single(import.Actions);
    }

    [Theory]
    [InlineData("Not started", ActionStatus.NotStarted)]
    [InlineData("Not Started", ActionStatus.NotStarted)]
    [InlineData("NOT STARTED", ActionStatus.NotStarted)]
    [InlineData("Not-started", ActionStatus.NotStarted)]
    [InlineData("Not yet started", ActionStatus.NotStarted)]
    [InlineData("In Progress", ActionStatus.InProgress)]
    [InlineData("in progress", ActionStatus.InProgress)]
    [InlineData("In-progress", ActionStatus.InProgress)]
    [InlineData("Inprogress", ActionStatus.InProgress)]
    [InlineData("Complete", ActionStatus.Complete)]
    [InlineData("COMPLETE", ActionStatus.Complete)]
    [InlineData("Completed", ActionStatus.Complete)]
    public void Statuses_are_read_in_any_case_and_spacing(string progress, ActionStatus status)
    {
        var action = SingleAction(progress);

        Assert.Equal(status, action.Status);
        Assert.Null(action.LastNote);
    }

    [Theory]
    [InlineData("In Progress – EMHPs began training in January", "EMHPs began training in January")]
    [InlineData("Complete: signed off by Cabinet", "signed off by Cabinet")]
    [InlineData("Complete\n\nSigned off by Cabinet\nShared with schools", "Signed off by Cabinet\nShared with schools")]
    public void Text_after_the_status_is_the_note(string progress, string note)
    {
        var action = SingleAction(progress);

        Assert.NotNull(action.Status);
        Assert.Equal(note, action.LastNote);
    }

    [Theory]
    [InlineData("Deferred")]
    [InlineData("Completely revised in 2020")]
    [InlineData("Ongoing")]
    public void A_progress_cell_that_starts_with_no_status_leaves_the_status_unset_keeps_the_text_and_says_so(string progress)
    {
        var import = PlanFiles.ReadPlan(Heading + $"1.1,Develop robust SEND Sufficiency Data,{progress},October 2018,RMBC Head of Inclusion\n");

        var action = Assert.Single(import.Actions);
        Assert.Null(action.Status);
        Assert.Equal(progress, action.LastNote);
        var entry = Assert.Single(import.Report);
        Assert.Equal((3, "1.1", PlanIssue.UnknownStatus), (entry.RowNumber, entry.Subject, entry.Issue));
        Assert.Equal(
            $"Action 1.1: the progress '{progress}' does not start with a status (Not started, In progress or Complete); its status is left unset and the text kept as its note.",
            entry.Message);
    }

    [Fact]
    public void An_empty_progress_cell_leaves_the_status_unset_and_says_so()
    {
        var import = PlanFiles.ReadPlan(Heading + "1.1,Develop robust SEND Sufficiency Data,,October 2018,RMBC Head of Inclusion\n");

        Assert.Null(Assert.Single(import.Actions).Status);
        Assert.Equal("Action 1.1 has no progress status; its status is left unset.", Assert.Single(import.Report).Message);
    }

    [Fact]
    public void An_id_seen_before_gets_the_next_free_suffix_and_each_repeat_is_reported()
    {
        var import = PlanFiles.ReadPlan("""
            (3) Partnerships,,,,
            3.2,First,Complete,May 2019,RMBC Head of Inclusion
            3.2,Second,Complete,May 2019,RMBC Head of Inclusion
            3.2-2,Written with a suffix,Complete,May 2019,RMBC Head of Inclusion
            3.2,Third,Complete,May 2019,RMBC Head of Inclusion
            """);

        Assert.Equal(["3.2", "3.2-2", "3.2-2-2", "3.2-3"], import.Actions.Select(a => a.ActionKey));
        Assert.Equal(["3.2", "3.2", "3.2-2", "3.2"], import.Actions.Select(a => a.ActionRef));
        Assert.Equal(
            [
                (4, "3.2-2", PlanIssue.RepeatedId),
                (5, "3.2-2-2", PlanIssue.RepeatedId),
                (6, "3.2-3", PlanIssue.RepeatedId),
            ],
            import.Report.Select(e => (e.RowNumber, e.Subject, e.Issue)));
        Assert.Equal("The id 3.2 appears again (first at row 3); this action is imported as 3.2-3.", import.Report[2].Message);
    }

    [Fact]
    public void Rows_without_an_id_continue_the_action_above_as_Excel_splits_a_pasted_Word_cell()
    {
        var import = PlanFiles.ReadPlan("""
            (3) Partnerships: develop and sustain robust inclusion partnerships,,,,
            3.2,Ensure that Rotherham’s Pupil Referral Units are fit for purpose:,In Progress,November 2019,"Joint AD Commissioning, Performance & Inclusion"
            ,Complete a best value review,,& refreshed July 2020,
            ,Review governance arrangements,,,Head of Finance CYPS
            3.3,Agree accommodation strategy for Alternative Provision,Not Started,January 2020,"Joint AD Commissioning, Performance & Inclusion"
            """);

        Assert.Equal(2, import.Actions.Count);
        var action = import.Actions[0];
        Assert.Equal("Ensure that Rotherham’s Pupil Referral Units are fit for purpose:\nComplete a best value review\nReview governance arrangements", action.Title);
        Assert.Equal("November 2019 & refreshed July 2020", action.TargetText);
        Assert.Equal([new DateOnly(2020, 7, 31)], action.Milestones);
        Assert.Equal(["Joint AD Commissioning, Performance & Inclusion", "Head of Finance CYPS"], action.Owners);
        Assert.Equal([(4, PlanIssue.ContinuationRow), (5, PlanIssue.ContinuationRow)], import.Report.Select(e => (e.RowNumber, e.Issue)));
        Assert.Equal(
            "Row 4 has no id: it is read as more lines of action 3.2 above (Excel puts each paragraph of a pasted Word cell on a row of its own).",
            import.Report[0].Message);
    }

    [Theory]
    [InlineData("(2) Seamless Pathways: ensure that pathways are connected,,,,")]
    [InlineData(",(2) Seamless Pathways: ensure that pathways are connected,,,")]
    [InlineData("Priority 2: Seamless Pathways: ensure that pathways are connected,,,,")]
    [InlineData("2. Seamless Pathways: ensure that pathways are connected,,,,")]
    [InlineData("2) Seamless Pathways: ensure that pathways are connected,,,,")]
    public void Priority_headings_are_read_in_their_usual_forms_and_in_any_column(string heading)
    {
        var import = PlanFiles.ReadPlan(heading + "\n2.1,Recruit Education Mental Health Practitioners,Complete,April 2019,RDaSH CAMHS Service Manager\n");

        var action = Assert.Single(import.Actions);
        Assert.Equal((2, "Seamless Pathways: ensure that pathways are connected"), (action.Priority, action.PriorityTitle));
        Assert.Empty(import.Report);
    }

    [Fact]
    public void An_action_under_another_prioritys_heading_keeps_the_heading_and_is_reported()
    {
        var import = PlanFiles.ReadPlan(Heading + "2.1,Recruit Education Mental Health Practitioners,Complete,April 2019,RDaSH CAMHS Service Manager\n");

        Assert.Equal(1, Assert.Single(import.Actions).Priority);
        Assert.Equal(
            "Action 2.1 sits under the heading of priority 1, but its id suggests priority 2; it is imported under priority 1.",
            Assert.Single(import.Report).Message);
    }

    [Fact]
    public void An_action_with_no_heading_above_it_takes_its_priority_from_its_id_and_is_reported()
    {
        var import = PlanFiles.ReadPlan("4.1,Establish an Evidence-Based Practice Hub in Early Help,In Progress,July 2020,\"Service Manager, Early Help\"\n");

        var action = Assert.Single(import.Actions);
        Assert.Equal((4, string.Empty), (action.Priority, action.PriorityTitle));
        Assert.Equal(PlanIssue.Priority, Assert.Single(import.Report).Issue);
    }

    [Fact]
    public void A_header_row_repeated_on_a_later_page_is_skipped()
    {
        var import = PlanFiles.ReadPlan(Heading + """
            1.1,Develop robust SEND Sufficiency Data,Complete,October 2018,RMBC Head of Inclusion
            ,Action,Progress updates,Target date,Owner
            1.2,Share SEND Sufficiency Data with school partners,Complete,November 2018,RMBC Head of Inclusion
            """);

        Assert.Equal(["1.1", "1.2"], import.Actions.Select(a => a.ActionKey));
        Assert.Empty(import.Report);
        Assert.Equal(3, import.RowsRead);
    }

    [Fact]
    public void Rows_that_are_neither_actions_headings_nor_continuations_are_reported_and_skipped()
    {
        var import = PlanFiles.ReadPlan("""
            ,Actions agreed at the SEMH board,,,
            Sufficiency: develop local education provision,,,,
            (1) Sufficiency: develop local education provision,,,,
            1.1,,Complete,October 2018,RMBC Head of Inclusion
            1.2,Share SEND Sufficiency Data with school partners,Complete,November 2018,RMBC Head of Inclusion
            """);

        Assert.Equal(["1.2"], import.Actions.Select(a => a.ActionKey));
        Assert.Equal(
            [
                "Row 2 has no id and no action above it to continue; it is not imported.",
                "Row 3 holds 'Sufficiency: develop local education provision' in the id column, which is neither an action id (such as 1.1) nor a numbered priority heading; it is not imported.",
                "Action 1.1 has no action text; it is not imported.",
            ],
            import.Report.Select(e => e.Message));
        Assert.All(import.Report, e => Assert.Equal(PlanIssue.RowSkipped, e.Issue));
    }

    [Fact]
    public void An_action_without_an_owner_is_reported()
    {
        var import = PlanFiles.ReadPlan(Heading + "1.1,Develop robust SEND Sufficiency Data,Complete,October 2018,\n");

        Assert.Empty(Assert.Single(import.Actions).Owners);
        Assert.Equal((PlanIssue.NoOwner, "Action 1.1 has no owner."), (import.Report[0].Issue, import.Report[0].Message));
    }

    [Fact]
    public void A_target_with_no_date_is_reported_against_its_action()
    {
        var import = PlanFiles.ReadPlan(Heading + "1.1,Develop robust SEND Sufficiency Data,In Progress,Ongoing,RMBC Head of Inclusion\n");

        Assert.Null(Assert.Single(import.Actions).DueDate);
        var entry = Assert.Single(import.Report);
        Assert.Equal((PlanIssue.TargetDate, "Action 1.1: The target 'Ongoing' names no date, so the action has no due date."), (entry.Issue, entry.Message));
    }

    [Fact]
    public void A_headed_id_column_and_columns_in_another_order_are_read_by_their_headings()
    {
        var rows = PlanFiles.CsvRows("""
            Owner,Target date,Status,Action,Ref
            (1) Sufficiency,,,,
            RMBC Head of Inclusion,October 2018,Complete,Develop robust SEND Sufficiency Data,1.1.
            """);

        var import = ActionPlanReader.Read(rows, PlanFiles.SeedResolver());

        var action = Assert.Single(import.Actions);
        Assert.Equal(("1.1", "Develop robust SEND Sufficiency Data", ActionStatus.Complete), (action.ActionKey, action.Title, action.Status));
        Assert.Equal(["RMBC Head of Inclusion"], action.Owners);
    }

    [Fact]
    public void A_plan_with_no_column_for_the_ids_is_refused()
    {
        var import = ActionPlanReader.Read(PlanFiles.CsvRows("Action,Progress updates,Target date,Owner\nDevelop data,Complete,October 2018,RMBC Head of Inclusion\n"), PlanFiles.SeedResolver());

        Assert.Equal("The plan has no id column: the column left of Action, headed or not, should hold each action's id (1.1, 1.2, …).", import.Rejection);
        Assert.Empty(import.Actions);
    }

    [Fact]
    public void An_owners_file_is_refused_as_a_plan()
    {
        var import = ActionPlanReader.Read(PlanFiles.FixtureRows(PlanFiles.OwnersCsv), PlanFiles.SeedResolver());

        Assert.Equal("The file is an owners file (header at row 1), not an action plan.", import.Rejection);
    }

    [Fact]
    public void A_file_of_neither_kind_is_refused_with_the_headings_each_kind_needs()
    {
        var detection = PlanFileDetector.Detect(PlanFiles.CsvRows("Fruit,Colour\nApple,Green\n"));

        Assert.False(detection.IsReadable);
        Assert.Null(detection.Kind);
        Assert.StartsWith("No header row was recognised in the first 30 rows, so the kind of file is unknown. An action plan needs", detection.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_columns_read_as_one_heading_make_the_file_unreadable()
    {
        var detection = PlanFileDetector.Detect(PlanFiles.CsvRows(",Action,Status,Progress updates,Target date,Owner\n"));

        Assert.Equal(PlanFileKind.ActionPlan, detection.Kind);
        Assert.False(detection.IsReadable);
        Assert.Equal("Columns 'Status' and 'Progress updates' both read as Progress updates; keep one of them.", detection.Rejection);
    }

    [Theory]
    [InlineData("semh-action-plan.xlsx", "semh-action-plan")]
    [InlineData("semh-action-plan.2019.csv", "semh-action-plan.2019")]
    [InlineData("2020/semh-action-plan.csv", "2020/semh-action-plan")]
    [InlineData("plan", "plan")]
    [InlineData("v1.0/plan", "v1.0/plan")]
    public void A_plans_id_is_its_blob_name_without_the_extension(string blobName, string planId)
    {
        Assert.Equal(planId, PlanId.FromBlobName(blobName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2020/")]
    public void A_blob_name_without_a_file_name_has_no_plan_id(string blobName)
    {
        Assert.Throws<ArgumentException>(() => PlanId.FromBlobName(blobName));
    }
}
