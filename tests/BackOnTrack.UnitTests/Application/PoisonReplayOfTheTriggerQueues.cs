using BackOnTrack.Application.Operations;
using BackOnTrack.Core.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace BackOnTrack.UnitTests.Application;

/// <summary>Which poison queues <c>poison replay</c> empties, given a queue's name or none.</summary>
public sealed class PoisonReplayOfTheTriggerQueues
{
    private readonly Mock<IPoisonQueues> _queues = new(MockBehavior.Strict);

    private PoisonReplayUseCase Replay => new(_queues.Object, NullLogger<PoisonReplayUseCase>.Instance);

    [Fact]
    public async Task WithNoQueueNamedEveryTriggerQueueIsReplayedInOrder()
    {
        var order = new List<string>();
        _queues.Setup(q => q.ReplayAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Callback<string, CancellationToken>((q, _) => order.Add(q)).ReturnsAsync(2);

        var replayed = await Replay.ReplayAsync(null, CancellationToken.None);

        Assert.Equal(["drop-events", "metrics-requests", "tracker-sync"], order);
        Assert.All(replayed, r => Assert.Equal(2, r.Moved));
    }

    [Theory]
    [InlineData("tracker-sync")]
    [InlineData("tracker-sync-poison")]
    public async Task ATriggerQueueOrItsPoisonTwinNamesTheSameReplay(string named)
    {
        _queues.Setup(q => q.ReplayAsync("tracker-sync", It.IsAny<CancellationToken>())).ReturnsAsync(1);

        var replayed = await Replay.ReplayAsync(named, CancellationToken.None);

        Assert.Equal([new PoisonReplayed("tracker-sync", 1)], replayed);
    }

    [Fact]
    public async Task AQueueThatIsNotATriggerIsRefusedBeforeAnythingMoves()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Replay.ReplayAsync("reports", CancellationToken.None));

        Assert.Contains("'reports' is not one of the hub's queues", refused.Message, StringComparison.Ordinal);
        _queues.VerifyNoOtherCalls();
    }
}
