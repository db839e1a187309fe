using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Application.Sweep;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Ports;
using BackOnTrack.Tests.Ports;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace BackOnTrack.UnitTests.Application.Sweep;

/// <summary>The sweep's decisions about each upload, from what the upload container and the receipts say.</summary>
public sealed class SweepThroughItsPorts
{
    private static readonly DateTimeOffset Now = new(2025, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private readonly Mock<IUploadedFiles> _uploads = new(MockBehavior.Strict);
    private readonly Mock<IBlobReceipts> _receipts = new(MockBehavior.Strict);
    private readonly Mock<IDropEvents> _events = new(MockBehavior.Strict);
    private readonly Mock<IQuarantine> _quarantine = new(MockBehavior.Strict);
    private readonly Mock<IDropRegistry> _drops = new(MockBehavior.Strict);
    private readonly List<string> _enqueued = [];
    private readonly List<string> _deleted = [];

    public SweepThroughItsPorts()
    {
        _events.Setup(e => e.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Callback<string, CancellationToken>((json, _) => _enqueued.Add(json)).Returns(Task.CompletedTask);
        _uploads.Setup(u => u.UriOf("drops", It.IsAny<string>())).Returns<string, string>((c, n) => new Uri($"https://hub.blob.core.windows.net/{c}/{n}"));
        _uploads.Setup(u => u.DeleteIfExistsAsync("drops", It.IsAny<string>(), It.IsAny<CancellationToken>())).Callback<string, string, CancellationToken>((_, n, _) => _deleted.Add(n)).ReturnsAsync(true);
        _quarantine.Setup(q => q.DeleteOlderThanAsync(Now.AddDays(-90), It.IsAny<CancellationToken>())).ReturnsAsync(0);
        _drops.Setup(d => d.ListAllAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    private SweepDropsUseCase Sweep(params StoredFile[] files)
    {
        _uploads.Setup(u => u.ListAsync("drops", It.IsAny<CancellationToken>())).Returns(files.ToAsyncEnumerable());
        var clock = new FakeClock(Now);
        var retention = new PupilDataRetention(_drops.Object, new InMemoryPupilRows(), Options.Create(new RetentionOptions()), clock, NullLogger<PupilDataRetention>.Instance);
        return new SweepDropsUseCase(
            _uploads.Object, _quarantine.Object, _events.Object, _receipts.Object, [new DropsContainer()], Options.Create(new IngestOptions()), retention, clock, NullLogger<SweepDropsUseCase>.Instance);
    }

    private void Receipts(params BlobReceipt[] receipts) =>
        _receipts.Setup(r => r.ListAsync("drops", It.IsAny<CancellationToken>())).ReturnsAsync(receipts.ToDictionary(r => r.BlobName, StringComparer.Ordinal));

    private static BlobReceipt Receipt(string name, string etag, ReceiptStatus status) => new("drops", name, etag, "d1", status, null, Now.AddDays(-40));

    [Fact]
    public async Task AnUploadWithNoReceiptOrAReceiptOfAnotherVersionIsQueuedForIngest()
    {
        Receipts(Receipt("3751234/replaced.csv", "\"0x1\"", ReceiptStatus.Processed));

        var result = await Sweep(
            new StoredFile("3751234/lost-event.csv", "\"0x7\"", Now.AddHours(-3), 120),
            new StoredFile("3751234/replaced.csv", "\"0x2\"", Now.AddHours(-1), 120)).SweepAsync(CancellationToken.None);

        Assert.Equal((2, 2, 0), (result.BlobsSeen, result.Enqueued, result.RawDeleted));
        Assert.Contains(_enqueued, e => e.Contains("3751234/lost-event.csv", StringComparison.Ordinal) && e.Contains("0x7", StringComparison.Ordinal));
        Assert.Contains(_enqueued, e => e.Contains("3751234/replaced.csv", StringComparison.Ordinal) && e.Contains("0x2", StringComparison.Ordinal));
        Assert.Empty(_deleted);
    }

    [Fact]
    public async Task AHandledUploadIsDeletedOnlyOncePastItsRetentionAndAnUnfinishedOneNever()
    {
        Receipts(
            Receipt("3751234/old.csv", "\"0x1\"", ReceiptStatus.Processed),
            Receipt("3751234/recent.csv", "\"0x1\"", ReceiptStatus.Rejected),
            Receipt("3751234/stuck.csv", "\"0x1\"", ReceiptStatus.Processing));

        var result = await Sweep(
            new StoredFile("3751234/old.csv", "\"0x1\"", Now.AddDays(-31), 120),
            new StoredFile("3751234/recent.csv", "\"0x1\"", Now.AddDays(-29), 120),
            new StoredFile("3751234/stuck.csv", "\"0x1\"", Now.AddDays(-60), 120)).SweepAsync(CancellationToken.None);

        Assert.Equal(["3751234/old.csv"], _deleted);
        Assert.Equal((3, 0, 1), (result.BlobsSeen, result.Enqueued, result.RawDeleted));
    }

    /// <summary>The sweep asks an import only which container it reads.</summary>
    private sealed class DropsContainer : IDropImport
    {
        public string Container => "drops";

        public DropPlace Place(string blobName) => throw new NotSupportedException();

        public Task<StoredRows> StoreRowsAsync(Stream content, DropPlace place, string dropId, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task AfterStoredAsync(StoredRows stored, DataDrop? replaced, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
