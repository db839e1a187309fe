using BackOnTrack.Tests.Storage;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.Cli.Operations;
using BackOnTrack.IntegrationTests.Support;
using BackOnTrack.Storage;
using BackOnTrack.Tests.Processes;

namespace BackOnTrack.IntegrationTests.Operations;

[Collection(AzuriteGroup.Name)]
public sealed class PoisonReplayOnAzurite : IDisposable
{
    private readonly FreshAzurite _azurite = SecondAzurite.Start();
    private readonly TestStorage _storage;

    public PoisonReplayOnAzurite() => _storage = TestStorage.For(_azurite.ConnectionString);

    public void Dispose() => _azurite.Dispose();

    private async Task<int> ReplayAsync(string? queue, StringWriter output) =>
        await PoisonCommand.ReplayAsync(queue, output, OperationsSettings.Configure(_azurite.ConnectionString), CancellationToken.None);

    [Fact]
    public async Task MovesPoisonMessagesBackWithTheirBodiesAndMovesNothingOnASecondRun()
    {
        await StorageProvisioning.EnsureCreatedAsync(StorageAccess.FromConnectionString(_azurite.ConnectionString), CancellationToken.None);
        await _storage.SendAsync("metrics-requests-poison", """{"scope":"3721100","academicYear":"2024-25"}""");
        await _storage.SendAsync("metrics-requests-poison", """{"scope":"LA","academicYear":"2024-25"}""");
        await _storage.SendAsync("drop-events-poison", """{"subject":"/blobServices/default/containers/drops/blobs/3721100/a.csv"}""");
        using var first = new StringWriter();
        using var second = new StringWriter();

        Assert.Equal(0, await ReplayAsync(null, first));
        Assert.Equal(0, await ReplayAsync(null, second));

        Assert.Contains("metrics-requests-poison -> metrics-requests: 2 message(s) replayed", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("drop-events-poison -> drop-events: 1 message(s) replayed", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("metrics-requests-poison -> metrics-requests: 0 message(s) replayed", second.ToString(), StringComparison.Ordinal);
        var bodies = (await _storage.PeekAsync("metrics-requests")).Order(StringComparer.Ordinal);
        Assert.Equal(["""{"scope":"3721100","academicYear":"2024-25"}""", """{"scope":"LA","academicYear":"2024-25"}"""], bodies);
        Assert.Empty(await _storage.PeekAsync("metrics-requests-poison"));
    }

    [Fact]
    public async Task ReplaysOnlyTheNamedQueueAndRefusesAnUnknownOne()
    {
        await StorageProvisioning.EnsureCreatedAsync(StorageAccess.FromConnectionString(_azurite.ConnectionString), CancellationToken.None);
        await _storage.SendAsync("tracker-sync-poison", """{"planId":"semh-plan"}""");
        await _storage.SendAsync("drop-events-poison", "{}");
        using var output = new StringWriter();

        Assert.Equal(0, await ReplayAsync("tracker-sync-poison", output));
        var refused = await Assert.ThrowsAsync<UsageException>(() => ReplayAsync("reports", output));

        Assert.Single(await _storage.PeekAsync("tracker-sync"));
        Assert.Single(await _storage.PeekAsync("drop-events-poison"));
        Assert.Contains("'reports' is not one of the hub's queues", refused.Message, StringComparison.Ordinal);
    }
}
