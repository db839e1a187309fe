using BackOnTrack.Core.Plans;

namespace BackOnTrack.UnitTests.Core.Plans;

public class PlanReimportChanges
{
    private static readonly PlanAction Action22 = Seed("2.2");

    private static PlanAction Seed(string key) =>
        ActionPlanReader.Read(PlanFiles.FixtureRows(PlanFiles.PlanCsv), PlanFiles.SeedResolver()).Actions.Single(a => a.ActionKey == key);

    // The seed's 2.2 as first imported, then edited by its owner in the tracker.
    private static StoredAction EditedByOwner(ActionStatus? status, string? note) =>
        StoredAction.FirstImport(Action22) with { Status = status, LastNote = note };

    [Fact]
    public void An_owners_status_and_note_survive_a_re_upload_of_an_unchanged_plan()
    {
        var stored = EditedByOwner(ActionStatus.Complete, "All EMHPs trained");

        Assert.Empty(PlanChanges.Compute([stored], [Action22]));
    }

    [Fact]
    public void A_status_the_plan_itself_changes_replaces_the_owners_and_is_recorded()
    {
        var stored = EditedByOwner(ActionStatus.NotStarted, "Waiting for the course");

        var change = Assert.Single(PlanChanges.Compute([stored], [Action22 with { Status = ActionStatus.Complete }]));

        Assert.Equal(ActionChangeKind.Updated, change.Kind);
        Assert.Equal([new FieldChange(ActionField.Status, "NotStarted", "Complete")], change.Fields);
        Assert.Equal(ActionStatus.Complete, change.Next.Status);
        Assert.Equal("Waiting for the course", change.Next.LastNote);
        Assert.Equal(ActionStatus.Complete, change.Next.Imported.Status);
    }

    [Fact]
    public void A_note_the_plan_itself_changes_replaces_the_owners_and_is_recorded()
    {
        var stored = EditedByOwner(ActionStatus.InProgress, "Owner's note");

        var change = Assert.Single(PlanChanges.Compute([stored], [Action22 with { LastNote = "Cohort 2 starts in January" }]));

        Assert.Equal([new FieldChange(ActionField.LastNote, "Owner's note", "Cohort 2 starts in January")], change.Fields);
        Assert.Equal(ActionStatus.InProgress, change.Next.Status);
    }

    [Fact]
    public void A_plan_status_that_catches_up_with_the_owners_shows_no_change_but_is_remembered()
    {
        var stored = EditedByOwner(ActionStatus.Complete, null);
        var incoming = Action22 with { Status = ActionStatus.Complete };

        var change = Assert.Single(PlanChanges.Compute([stored], [incoming]));

        Assert.Equal(ActionChangeKind.Updated, change.Kind);
        Assert.Empty(change.Fields);
        Assert.Equal(ActionStatus.Complete, change.Next.Imported.Status);

        // The owner reopens the action; the same plan uploaded again must not close it.
        var reopened = change.Next with { Status = ActionStatus.InProgress };
        Assert.Empty(PlanChanges.Compute([reopened], [incoming]));
    }

    [Fact]
    public void A_plan_that_no_longer_gives_a_status_or_note_leaves_the_owners_alone()
    {
        var stored = EditedByOwner(ActionStatus.Complete, "Owner's note") with
        {
            Imported = Action22 with { LastNote = "Plan's old note" },
        };
        var incoming = Action22 with { Status = null, LastNote = null };

        Assert.Empty(PlanChanges.Compute([stored], [incoming]));
    }

    [Fact]
    public void Plan_owned_fields_take_the_files_values_each_change_recorded_from_and_to()
    {
        var stored = EditedByOwner(ActionStatus.Complete, "Owner's note");
        var incoming = Action22 with
        {
            Title = "Training for EMHPs (including school placements and supervision)",
            TargetText = "December 2019 & refreshed July 2020",
            Milestones = [new DateOnly(2020, 7, 31)],
            Owners = ["RDaSH CAMHS Service Manager", "Rotherham Trailblazer Project Lead"],
        };

        var change = Assert.Single(PlanChanges.Compute([stored], [incoming]));

        Assert.Equal(
            [
                new FieldChange(ActionField.Title, "Training for EMHPs (including school placements)", "Training for EMHPs (including school placements and supervision)"),
                new FieldChange(ActionField.TargetText, "December 2019", "December 2019 & refreshed July 2020"),
                new FieldChange(ActionField.Milestones, null, "2020-07-31"),
                new FieldChange(ActionField.Owners, "[\"RDaSH CAMHS Service Manager\"]", "[\"RDaSH CAMHS Service Manager\",\"Rotherham Trailblazer Project Lead\"]"),
            ],
            change.Fields);
        Assert.Equal((ActionStatus.Complete, "Owner's note"), (change.Next.Status, change.Next.LastNote));
    }

    [Fact]
    public void A_moved_due_date_is_recorded_as_a_change_of_target_and_due_date()
    {
        var stored = StoredAction.FirstImport(Action22);
        var target = TargetDates.Parse("March 2020");
        var incoming = Action22 with { TargetText = "March 2020", DueDate = target.DueDate };

        var change = Assert.Single(PlanChanges.Compute([stored], [incoming]));

        Assert.Equal(
            [
                new FieldChange(ActionField.TargetText, "December 2019", "March 2020"),
                new FieldChange(ActionField.DueDate, "2019-12-31", "2020-03-31"),
            ],
            change.Fields);
    }

    [Fact]
    public void An_action_missing_from_the_new_file_is_kept_and_marked_removed_with_the_owners_values()
    {
        var stored = EditedByOwner(ActionStatus.Complete, "Owner's note");

        var change = Assert.Single(PlanChanges.Compute([stored], []));

        Assert.Equal(ActionChangeKind.Removed, change.Kind);
        Assert.Equal([new FieldChange(ActionField.RemovedFromPlan, "false", "true")], change.Fields);
        Assert.Equal(stored with { RemovedFromPlan = true }, change.Next);
        Assert.Empty(PlanChanges.Compute([change.Next], []));
    }

    [Fact]
    public void A_removed_action_that_comes_back_is_reinstated_with_the_owners_values()
    {
        var removed = EditedByOwner(ActionStatus.Complete, "Owner's note") with { RemovedFromPlan = true };

        var change = Assert.Single(PlanChanges.Compute([removed], [Action22]));

        Assert.Equal(ActionChangeKind.Updated, change.Kind);
        Assert.Equal([new FieldChange(ActionField.RemovedFromPlan, "true", "false")], change.Fields);
        Assert.Equal((ActionStatus.Complete, "Owner's note", false), (change.Next.Status, change.Next.LastNote, change.Next.RemovedFromPlan));
    }

    [Fact]
    public void New_actions_come_in_file_order_and_removed_ones_after_them()
    {
        var stored = new[] { StoredAction.FirstImport(Action22), StoredAction.FirstImport(Seed("2.3")) };
        var added = Seed("5.4") with { ActionKey = "5.5", ActionRef = "5.5", Title = "Commission the training offer" };

        var changes = PlanChanges.Compute(stored, [added, Action22]);

        Assert.Equal([("5.5", ActionChangeKind.Added), ("2.3", ActionChangeKind.Removed)], changes.Select(c => (c.ActionKey, c.Kind)));
        Assert.Equal(new FieldChange(ActionField.ActionRef, null, "5.5"), changes[0].Fields.Single(f => f.Field == ActionField.ActionRef));
        Assert.DoesNotContain(changes[0].Fields, f => f.Field is ActionField.LastNote or ActionField.Milestones or ActionField.RemovedFromPlan);
    }

    [Fact]
    public void The_seeds_repeated_ids_keep_their_own_keys_across_imports()
    {
        var actions = ActionPlanReader.Read(PlanFiles.FixtureRows(PlanFiles.PlanCsv), PlanFiles.SeedResolver()).Actions;
        var stored = actions.Select(StoredAction.FirstImport).Select(s => s.ActionKey == "3.2-2" ? s with { Status = ActionStatus.Complete } : s).ToList();

        Assert.Empty(PlanChanges.Compute(stored, actions));
    }

    [Fact]
    public void Two_actions_under_one_key_are_refused()
    {
        var stored = StoredAction.FirstImport(Action22);

        Assert.Throws<ArgumentException>(() => PlanChanges.Compute([stored, stored], []));
        Assert.Throws<ArgumentException>(() => PlanChanges.Compute([], [Action22, Action22]));
    }
}
