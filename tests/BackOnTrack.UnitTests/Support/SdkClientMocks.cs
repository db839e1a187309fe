using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Moq;

namespace BackOnTrack.UnitTests.Support;

/// <summary>
/// The SDK's clients under the stores a use case takes besides its ports (audit, drops, metrics requests): every
/// query answers with the given rows, and every write is recorded.
/// </summary>
public sealed class SdkClientMocks
{
    public List<TableEntity> Written { get; } = [];

    public List<string> Sent { get; } = [];

    public TableClient Table(params TableEntity[] rows)
    {
        var table = new Mock<TableClient>();
        table.Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Returns(() => AsyncPageable<TableEntity>.FromPages([Page<TableEntity>.FromValues(rows, null, Mock.Of<Response>())]));
        table.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()))
            .Callback<TableEntity, CancellationToken>((e, _) => Written.Add(e))
            .ReturnsAsync(Mock.Of<Response>());
        table.Setup(t => t.UpsertEntityAsync(It.IsAny<TableEntity>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()))
            .Callback<TableEntity, TableUpdateMode, CancellationToken>((e, _, _) => Written.Add(e))
            .ReturnsAsync(Mock.Of<Response>());
        return table.Object;
    }

    public QueueClient Queue()
    {
        var queue = new Mock<QueueClient>();
        var receipt = QueuesModelFactory.SendReceipt("id", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "pop", DateTimeOffset.UnixEpoch);
        queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, CancellationToken>((m, _) => Sent.Add(m))
            .ReturnsAsync(Response.FromValue(receipt, Mock.Of<Response>()));
        return queue.Object;
    }
}
