using System.Text;
using System.Text.Json;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Messages;
using BackOnTrack.Core.Ports;
using BackOnTrack.Tests.Ports;
using BackOnTrack.UnitTests.Core.Support;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace BackOnTrack.UnitTests.Application.Ingest;

/// <summary>
/// One delivery of a school's upload, from the event to the receipt, through the use case's ports held in memory and
/// the real school data import: what is stored, reported, quarantined and asked for next, and what a repeat changes.
/// </summary>
public sealed class IngestDropThroughItsPorts
{
    private const string Drops = "drops";
    private const string Header = "UPN,NCYear,Category,StartDate,Sessions,Days,Reason1,Reason2,Reason3,LAESTAB,Status\n";
    private static readonly DateTimeOffset UploadedAt = TestDrops.Now.AddHours(-1);

    private readonly InMemoryUploads _uploads = new();
    private readonly InMemoryReportFiles _reports = new();
    private readonly InMemoryBlobReceipts _receipts = new();
    private readonly InMemoryDropRegistry _drops = new();
    private readonly InMemoryDropRows _rows = new();
    private readonly List<string> _metricsRequested = [];
    private readonly List<TrackerSyncRequest> _trackerRequested = [];
    private readonly InMemoryQuarantine _quarantine;
    private readonly IngestOptions _ingestOptions = new();

    public IngestDropThroughItsPorts() => _quarantine = new InMemoryQuarantine(_uploads);

    private static string Suspension(int pupil, string start = "03/11/2025", string reason = "PD") =>
        $"{TestDrops.UpnFor(pupil)},Y9,FIXD,{start},4,,{reason},,,,\n";

    private static byte[] File(params string[] rows) => Encoding.UTF8.GetBytes(Header + string.Concat(rows));

    private BlobCreatedEvent Upload(string name, byte[] content) => new(Drops, name, _uploads.Put(Drops, name, content, UploadedAt).ETag);

    private IngestDropUseCase UseCase()
    {
        var metrics = new Mock<IMetricsRequests>(MockBehavior.Strict);
        metrics.Setup(m => m.RequestAsync(It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Returns<IEnumerable<string>, CancellationToken>((years, _) =>
            {
                var asked = years.ToList();
                _metricsRequested.AddRange(asked);
                return Task.FromResult(asked.Count);
            });
        var tracker = new Mock<ITrackerSyncRequests>(MockBehavior.Strict);
        tracker.Setup(t => t.RequestAsync(It.IsAny<TrackerSyncRequest>(), It.IsAny<CancellationToken>()))
            .Callback<TrackerSyncRequest, CancellationToken>((request, _) => _trackerRequested.Add(request)).Returns(Task.CompletedTask);
        var clock = new FakeClock(TestDrops.Now);
        var hub = Options.Create(new HubOptions { PseudonymisationKey = Convert.ToBase64String(TestDrops.Key) });
        var import = new SchoolDataImport(_rows, metrics.Object, hub, Options.Create(_ingestOptions), clock);
        return new IngestDropUseCase(
            _uploads, _reports, _quarantine, tracker.Object, _receipts, _drops, _rows, [import], Options.Create(_ingestOptions), clock, NullLogger<IngestDropUseCase>.Instance);
    }

    [Fact]
    public async Task AnAcceptedDropIsStoredReportedAndClosedAndAsksForItsMetricsAndTheReturnsList()
    {
        var outcome = await UseCase().IngestAsync(Upload("3724001/exclusions.csv", File(Suspension(1), Suspension(2))), CancellationToken.None);

        Assert.Equal(ReceiptStatus.Processed, outcome.Status);
        var drop = Assert.Single(_drops.All);
        Assert.Equal((DropStatus.Processed, 2, 2, 0), (drop.Status, drop.RowsRead, drop.RowsAccepted, drop.RowsRejected));
        Assert.Equal(["Exclusions|3724001_2025-26"], drop.Partitions);
        Assert.Equal(2, _rows.Rows.Count(r => r.Table == "Exclusions" && r.DropId == drop.DropId));
        Assert.Contains(drop.ReportBlob!, _reports.Files.Keys);
        Assert.Contains(Path.ChangeExtension(drop.ReportBlob!, ".csv"), _reports.Files.Keys);
        Assert.Equal(ReceiptStatus.Processed, (await _receipts.GetAsync(Drops, "3724001/exclusions.csv", CancellationToken.None))!.Status);
        Assert.Equal(["3724001|2025-26"], _metricsRequested);
        Assert.IsType<TrackerSyncRequest.Returns>(Assert.Single(_trackerRequested));
        Assert.Empty(_quarantine.Folders);
    }

    [Fact]
    public async Task TheSameVersionDeliveredAgainChangesNothing()
    {
        var upload = Upload("3724001/exclusions.csv", File(Suspension(1), Suspension(2)));
        await UseCase().IngestAsync(upload, CancellationToken.None);
        var (saves, rows, written) = (_receipts.Saves.Count, _rows.Rows.ToList(), _rows.RowsWritten);

        var again = await UseCase().IngestAsync(upload, CancellationToken.None);

        Assert.Equal("This version was already handled.", again.Summary);
        Assert.Equal(saves, _receipts.Saves.Count);
        Assert.Equal(rows, _rows.Rows);
        Assert.Equal(written, _rows.RowsWritten);
        Assert.Single(_metricsRequested);
    }

    [Fact]
    public async Task ANewVersionOfAFileReplacesTheRowsOfTheVersionBeforeIt()
    {
        await UseCase().IngestAsync(Upload("3724001/exclusions.csv", File(Suspension(1), Suspension(2))), CancellationToken.None);
        var first = Assert.Single(_drops.All);

        var outcome = await UseCase().IngestAsync(Upload("3724001/exclusions.csv", File(Suspension(1, reason: "VA"))), CancellationToken.None);

        Assert.Equal(ReceiptStatus.Processed, outcome.Status);
        Assert.Equal(DropStatus.Superseded, (await _drops.GetAsync(first.Scope, first.DropId, CancellationToken.None))!.Status);
        var row = Assert.Single(_rows.Rows);
        Assert.Equal(outcome.DropId, row.DropId);
        Assert.Equal(["VA"], ((BackOnTrack.Core.Ingest.Records.ExclusionRecord)row.Record).Reasons);
        Assert.Equal(["3724001|2025-26", "3724001|2025-26"], _metricsRequested);
    }

    [Fact]
    public async Task AFileWithTooManyBadRowsIsQuarantinedWithItsReportAndLeavesNoRows()
    {
        var outcome = await UseCase().IngestAsync(
            Upload("3724001/exclusions.csv", File(Suspension(1), Suspension(2, start: "31/02/2025"), Suspension(3, reason: "ZZ"))), CancellationToken.None);

        Assert.Equal(ReceiptStatus.Rejected, outcome.Status);
        Assert.Empty(_rows.Rows);
        var drop = Assert.Single(_drops.All);
        Assert.Equal((DropStatus.Rejected, 3, 0, 2), (drop.Status, drop.RowsRead, drop.RowsAccepted, drop.RowsRejected));
        Assert.Empty(drop.Partitions);
        var kept = Assert.Single(_quarantine.Folders);
        Assert.Equal("exclusions.csv", kept.Value.FileName);
        using var report = JsonDocument.Parse(kept.Value.ReportJson);
        Assert.Equal("Rejected", report.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, report.RootElement.GetProperty("rejections").GetArrayLength());
        Assert.Empty(_metricsRequested);
        Assert.Single(_trackerRequested);
    }

    [Fact]
    public async Task TheSameContentUnderAnotherNameIsADuplicateThatStoresNothingNew()
    {
        var content = File(Suspension(1), Suspension(2));
        await UseCase().IngestAsync(Upload("3724001/exclusions.csv", content), CancellationToken.None);
        var written = _rows.RowsWritten;

        var outcome = await UseCase().IngestAsync(Upload("3724001/exclusions-copy.csv", content), CancellationToken.None);

        Assert.Equal(ReceiptStatus.Duplicate, outcome.Status);
        Assert.Equal("3724001/exclusions.csv", (await _receipts.GetAsync(Drops, "3724001/exclusions-copy.csv", CancellationToken.None))!.DuplicateOf);
        Assert.Equal(written, _rows.RowsWritten);
        Assert.Single(_drops.All);
    }

    [Fact]
    public async Task ADeliveryThatDiesPartWayIsFinishedByTheNextAsIfNothingHadHappened()
    {
        var undisturbed = new IngestDropThroughItsPorts();
        var content = File(Suspension(1), Suspension(2), Suspension(3));
        await undisturbed.UseCase().IngestAsync(undisturbed.Upload("3724001/exclusions.csv", content), CancellationToken.None);

        var upload = Upload("3724001/exclusions.csv", content);
        _rows.FailAfterRows = 2;
        await Assert.ThrowsAsync<IOException>(() => UseCase().IngestAsync(upload, CancellationToken.None));
        Assert.Equal(ReceiptStatus.Processing, (await _receipts.GetAsync(Drops, upload.BlobName, CancellationToken.None))!.Status);
        _rows.FailAfterRows = null;

        var outcome = await UseCase().IngestAsync(upload, CancellationToken.None);

        Assert.Equal(ReceiptStatus.Processed, outcome.Status);
        Assert.Equal(undisturbed._rows.Rows.OrderBy(r => r.RowKey).Select(r => (r.Table, r.PartitionKey, r.RowKey, r.DropId)), _rows.Rows.OrderBy(r => r.RowKey).Select(r => (r.Table, r.PartitionKey, r.RowKey, r.DropId)));
        // The registry's rows as storage would hold them (lists by content); only the time it finished may differ.
        Assert.Equal(JsonSerializer.Serialize(undisturbed._drops.All.Single() with { ProcessedAt = null }), JsonSerializer.Serialize(_drops.All.Single() with { ProcessedAt = null }));
    }

    [Fact]
    public async Task AFileOverTheSizeLimitIsRejectedWholeWithoutItsRowsBeingRead()
    {
        _ingestOptions.MaxFileBytes = 1024;
        var outcome = await UseCase().IngestAsync(
            Upload("3724001/exclusions.csv", File([.. Enumerable.Range(1, 40).Select(pupil => Suspension(pupil))])), CancellationToken.None);

        Assert.Equal(ReceiptStatus.Rejected, outcome.Status);
        Assert.Equal(0, _rows.RowsWritten);
        var drop = Assert.Single(_drops.All);
        Assert.Equal(_ingestOptions.Limits().FileTooLargeReason(), drop.Reason);
        Assert.Single(_quarantine.Folders);
    }

    [Fact]
    public async Task AnEventForAContainerNoImportReadsIsCompletedWithoutTouchingAnything()
    {
        var outcome = await UseCase().IngestAsync(new BlobCreatedEvent("archive", "3724001/exclusions.csv", "\"0x1\""), CancellationToken.None);

        Assert.Null(outcome.Status);
        Assert.Empty(_receipts.Saves);
        Assert.Empty(_drops.All);
    }

    [Fact]
    public async Task AnUploadDeletedBeforeItsEventArrivesLeavesNothingToDo()
    {
        var upload = Upload("3724001/exclusions.csv", File(Suspension(1)));
        await _uploads.DeleteIfExistsAsync(Drops, upload.BlobName, CancellationToken.None);

        var outcome = await UseCase().IngestAsync(upload, CancellationToken.None);

        Assert.Equal("The blob no longer exists; nothing to do.", outcome.Summary);
        Assert.Empty(_receipts.Saves);
    }
}
