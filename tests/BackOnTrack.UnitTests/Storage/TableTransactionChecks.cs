using BackOnTrack.Storage;
using BackOnTrack.Storage.Tables;
using BackOnTrack.UnitTests.Support;

namespace BackOnTrack.UnitTests.Storage;

/// <summary>Azurite accepts some transactions Azure refuses, so the client checks the rules itself before sending.</summary>
public sealed class TableTransactionChecks : IDisposable
{
    private readonly ScriptedHttpHandler _transport = new();
    private readonly StorageAccount _account;
    private readonly TableServiceClient _tables;

    public TableTransactionChecks()
    {
        _account = StorageAccount.Create(StorageConnection.Parse("UseDevelopmentStorage=true"), transport: _transport);
        _tables = _account.Tables;
    }

    public void Dispose() => _account.Dispose();

    [Fact]
    public async Task RefusesMoreThanOneHundredOperationsBeforeSending()
    {
        var actions = Enumerable.Range(0, 101).Select(i => TableTransactionAction.UpsertReplace(new TableEntity("p", $"r{i:D3}"))).ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _tables.SubmitTransactionAsync("Items", actions));

        Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
        Assert.Empty(_transport.Requests);
    }

    [Fact]
    public async Task RefusesMixedPartitionKeysBeforeSending()
    {
        TableTransactionAction[] actions =
        [
            TableTransactionAction.Add(new TableEntity("1234567_2015-16", "a")),
            TableTransactionAction.Add(new TableEntity("1234568_2015-16", "b")),
        ];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _tables.SubmitTransactionAsync("Items", actions));

        Assert.Contains("operation 1 has '1234568_2015-16'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_transport.Requests);
    }

    [Fact]
    public async Task RefusesTheSameEntityTwiceBeforeSending()
    {
        TableTransactionAction[] actions =
        [
            TableTransactionAction.UpsertMerge(new TableEntity("p", "a")),
            TableTransactionAction.Delete("p", "a"),
        ];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _tables.SubmitTransactionAsync("Items", actions));

        Assert.Contains("RowKey 'a' repeats at operation 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(_transport.Requests);
    }

    [Fact]
    public void FindsTheFailingOperationInABatchResponse()
    {
        const string response =
            "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 409 Conflict\r\nContent-ID: 1\r\nContent-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\r\n\r\n" +
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:The specified entity already exists.\"}}}\r\n" +
            "--changesetresponse_2--\r\n--batchresponse_1--\r\n";

        var failure = TableBatchResponse.FindFailure(response);

        Assert.NotNull(failure);
        Assert.Equal(409, failure.Status);
        Assert.Equal(1, failure.ContentId);
        Assert.Contains("EntityAlreadyExists", failure.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void FindsNoFailureWhenEveryOperationSucceeded()
    {
        const string response =
            "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\nETag: W/\"x\"\r\n\r\n" +
            "--changesetresponse_2\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n" +
            "--changesetresponse_2--\r\n--batchresponse_1--\r\n";

        Assert.Null(TableBatchResponse.FindFailure(response));
    }
}
