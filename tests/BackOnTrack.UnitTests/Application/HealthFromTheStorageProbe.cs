using BackOnTrack.Application;
using BackOnTrack.Core.Ports;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace BackOnTrack.UnitTests.Application;

/// <summary>What <c>api/health</c> says, from what the storage probe found.</summary>
public sealed class HealthFromTheStorageProbe
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static async Task<HealthReport> CheckAsync(StorageProbeResult probed)
    {
        var probe = new Mock<IStorageProbe>(MockBehavior.Strict);
        probe.Setup(p => p.ProbeAsync(It.Is<IReadOnlyList<string>>(q => q.SequenceEqual(new[] { "drop-events", "metrics-requests", "tracker-sync" })), TimeSpan.FromSeconds(10), It.IsAny<CancellationToken>()))
            .ReturnsAsync(probed);
        return await new HubHealth(probe.Object, new FakeTimeProvider(Now)).CheckAsync(CancellationToken.None);
    }

    [Fact]
    public async Task EmptyPoisonQueuesAreHealthy()
    {
        var report = await CheckAsync(new StorageProbeResult(true, "stbackontrack", null, [new QueueDepth("drop-events", 3, 0), new QueueDepth("tracker-sync", 0, 0)]));

        Assert.Equal(("Healthy", true, Now), (report.Status, report.Healthy, report.CheckedAt));
        Assert.Equal([new QueueHealth("drop-events", 3, 0), new QueueHealth("tracker-sync", 0, 0)], report.Queues);
    }

    [Fact]
    public async Task AMessageInAPoisonQueueIsDegradedButStillHealthyEnoughToServe()
    {
        var report = await CheckAsync(new StorageProbeResult(true, "stbackontrack", null, [new QueueDepth("drop-events", 0, 1)]));

        Assert.Equal(("Degraded", true), (report.Status, report.Healthy));
    }

    [Fact]
    public async Task StorageThatDidNotAnswerIsUnhealthyWithTheServicesReason()
    {
        var report = await CheckAsync(new StorageProbeResult(false, "stbackontrack", "403 AuthorizationPermissionMismatch", []));

        Assert.Equal(("Unhealthy", false), (report.Status, report.Healthy));
        Assert.Equal(new StorageHealth(false, "stbackontrack", "403 AuthorizationPermissionMismatch"), report.Storage);
    }
}
