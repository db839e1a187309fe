using Azure.Core.Pipeline;
using Azure.Data.Tables;
using BackOnTrack.Storage;
using BackOnTrack.UnitTests.Support;

namespace BackOnTrack.UnitTests.Storage;

/// <summary>Azurite accepts some transactions Azure refuses, so the stores check the rules themselves before sending.</summary>
public sealed class TableTransactionChecks : IDisposable
{
    private readonly ScriptedHttpHandler _transport = new();
    private readonly HttpClient _http;
    private readonly TableClient _table;

    public TableTransactionChecks()
    {
        _http = new HttpClient(_transport);
        _table = new TableServiceClient("UseDevelopmentStorage=true", new TableClientOptions { Transport = new HttpClientTransport(_http) }).GetTableClient("Items");
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task RefusesMoreThanOneHundredOperationsBeforeSending()
    {
        var actions = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", $"r{i:D3}"))).ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitCheckedAsync(actions));

        Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
        Assert.Empty(_transport.Requests);
    }

    [Fact]
    public async Task RefusesMixedPartitionKeysBeforeSending()
    {
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity("1234567_2015-16", "a")),
            new(TableTransactionActionType.Add, new TableEntity("1234568_2015-16", "b")),
        ];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitCheckedAsync(actions));

        Assert.Contains("operation 1 has '1234568_2015-16'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_transport.Requests);
    }

    [Fact]
    public async Task RefusesTheSameEntityTwiceBeforeSending()
    {
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "a")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "a")),
        ];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitCheckedAsync(actions));

        Assert.Contains("RowKey 'a' repeats at operation 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(_transport.Requests);
    }

    [Fact]
    public void AcceptsOneHundredOperationsOnDistinctRowsOfOnePartition() =>
        TableTransactions.Validate([.. Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}")))]);

    [Fact]
    public void RefusesAnEmptyTransaction() =>
        Assert.Throws<ArgumentException>(() => TableTransactions.Validate([]));
}
