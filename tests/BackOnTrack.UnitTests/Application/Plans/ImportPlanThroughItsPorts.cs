using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Plans;
using BackOnTrack.Core.Messages;
using BackOnTrack.Core.Ports;
using BackOnTrack.Tests.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace BackOnTrack.UnitTests.Application.Plans;

/// <summary>The strategy's owners file and action plan imported into the plan tables held in memory.</summary>
public sealed class ImportPlanThroughItsPorts
{
    private static readonly DateTimeOffset UploadedAt = new(2025, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly InMemoryActionPlans _plans = new();
    private readonly List<TrackerSyncRequest> _syncs = [];

    private ImportPlanUseCase UseCase()
    {
        var tracker = new Mock<ITrackerSyncRequests>(MockBehavior.Strict);
        tracker.Setup(t => t.RequestAsync(It.IsAny<TrackerSyncRequest>(), It.IsAny<CancellationToken>()))
            .Callback<TrackerSyncRequest, CancellationToken>((request, _) => _syncs.Add(request)).Returns(Task.CompletedTask);
        return new ImportPlanUseCase(tracker.Object, _plans, Options.Create(new IngestOptions()), NullLogger<ImportPlanUseCase>.Instance);
    }

    private static FileStream Fixture(string name) => File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Core", "Plans", "Fixtures", name));

    private static async Task ImportAsync(ImportPlanUseCase import, string fileName)
    {
        await using var content = Fixture(fileName);
        var stored = await import.StoreRowsAsync(content, import.Place(fileName), "drop-" + fileName, UploadedAt, CancellationToken.None);
        Assert.Null(stored.Rejection);
        await import.AfterStoredAsync(stored, null, CancellationToken.None);
    }

    [Fact]
    public async Task TheOwnersThenThePlanStoreEveryActionWithItsOwnersResolvedItsAuditRowsAndATrackerSync()
    {
        await ImportAsync(UseCase(), "semh-owners.csv");
        await ImportAsync(UseCase(), "semh-action-plan.csv");

        var actions = await _plans.ReadPlanAsync("semh-action-plan", CancellationToken.None);
        Assert.NotEmpty(_plans.Owners);
        Assert.True(actions.Count > 10, $"{actions.Count} actions stored.");
        Assert.Contains(actions, a => a.Imported.Owners.Count > 0);
        Assert.All(_plans.Events, e => Assert.Equal(("import", UploadedAt), (e.Source, e.At)));
        Assert.Equal(actions.Count, _plans.Events.Select(e => e.ActionKey).Distinct().Count());
        Assert.Equal(new TrackerSyncRequest.Plan("semh-action-plan"), Assert.Single(_syncs));
    }

    [Fact]
    public async Task ThePlanImportedAgainWritesNothing()
    {
        await ImportAsync(UseCase(), "semh-owners.csv");
        await ImportAsync(UseCase(), "semh-action-plan.csv");
        var (written, events) = (_plans.ActionsWritten, _plans.Events.Count);

        await ImportAsync(UseCase(), "semh-action-plan.csv");

        Assert.Equal((written, events), (_plans.ActionsWritten, _plans.Events.Count));
    }

    [Fact]
    public async Task AnImportThatDiesPartWayIsFinishedByItsRedeliveryWithTheActionsAndAuditRowsOfAnUnbrokenOne()
    {
        var unbroken = new ImportPlanThroughItsPorts();
        await ImportAsync(unbroken.UseCase(), "semh-owners.csv");
        await ImportAsync(unbroken.UseCase(), "semh-action-plan.csv");
        await ImportAsync(UseCase(), "semh-owners.csv");

        _plans.FailAfterActions = 5;
        await Assert.ThrowsAsync<IOException>(() => ImportAsync(UseCase(), "semh-action-plan.csv"));
        _plans.FailAfterActions = null;
        await ImportAsync(UseCase(), "semh-action-plan.csv");

        var expected = await unbroken._plans.ReadPlanAsync("semh-action-plan", CancellationToken.None);
        var actual = await _plans.ReadPlanAsync("semh-action-plan", CancellationToken.None);
        Assert.Equal(expected.Select(a => a.ActionKey).Order(StringComparer.Ordinal), actual.Select(a => a.ActionKey).Order(StringComparer.Ordinal));
        Assert.Equal(unbroken._plans.Events.OrderBy(Key), _plans.Events.OrderBy(Key));
    }

    private static string Key(ActionEvent e) => $"{e.ActionKey}|{e.Field}";
}
