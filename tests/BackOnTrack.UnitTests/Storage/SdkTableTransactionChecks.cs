using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using BackOnTrack.Storage;

namespace BackOnTrack.UnitTests.Storage;

/// <summary>
/// Transactions through the SDK are checked before anything is sent: Azurite answers a 101-operation batch with a
/// malformed response, and accepts mixed partition keys Azure refuses.
/// </summary>
public sealed class SdkTableTransactionChecks
{
    private readonly CountingTransport _transport = new();
    private readonly TableClient _table;

    public SdkTableTransactionChecks()
    {
        var options = new TableClientOptions { Transport = _transport };
        options.Retry.MaxRetries = 0;
        _table = new TableClient(new Uri("http://127.0.0.1:10002/devstoreaccount1"), "Items", new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])), options);
    }

    [Fact]
    public async Task MoreThanOneHundredOperationsAreRefusedBeforeAnythingIsSent()
    {
        var actions = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", $"r{i:D3}"))).ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitCheckedAsync(actions));

        Assert.Contains("at most 100 operations; this one has 101", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _transport.Sent);
    }

    [Fact]
    public async Task OneHundredOperationsInOnePartitionAreSent()
    {
        var actions = Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", $"r{i:D3}"))).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => _table.SubmitCheckedAsync(actions));

        Assert.Equal(1, _transport.Sent);
    }

    [Fact]
    public async Task MixedPartitionKeysAreRefusedBeforeAnythingIsSent()
    {
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity("1234567_2015-16", "a")),
            new(TableTransactionActionType.Add, new TableEntity("1234568_2015-16", "b")),
        ];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitCheckedAsync(actions));

        Assert.Contains("operation 1 has '1234568_2015-16'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _transport.Sent);
    }

    [Fact]
    public async Task TheSameEntityTwiceIsRefusedBeforeAnythingIsSent()
    {
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "a")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "a")),
        ];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitCheckedAsync(actions));

        Assert.Contains("RowKey 'a' repeats at operation 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _transport.Sent);
    }

    [Fact]
    public void PropertiesSetToNullAreLeftOutRatherThanSentAsNull()
    {
        var entity = new TableEntity("p", "r") { ["Kind"] = null, ["Rows"] = 3 };

        entity.WithoutNulls();

        Assert.False(entity.ContainsKey("Kind"));
        Assert.Equal(3, entity.GetInt32("Rows"));
    }

    /// <summary>Counts what reaches the wire and answers nothing (a connection refused).</summary>
    private sealed class CountingTransport : HttpPipelineTransport
    {
        private readonly HttpClientTransport _inner = new();
        private int _sent;

        public int Sent => _sent;

        public override Request CreateRequest() => _inner.CreateRequest();

        public override void Process(HttpMessage message)
        {
            Interlocked.Increment(ref _sent);
            throw new IOException("No storage here.");
        }

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            Interlocked.Increment(ref _sent);
            throw new IOException("No storage here.");
        }
    }
}
