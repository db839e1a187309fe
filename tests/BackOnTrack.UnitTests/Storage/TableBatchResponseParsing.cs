using BackOnTrack.Storage.Tables;

namespace BackOnTrack.UnitTests.Storage;

/// <summary>The hand-written client's reading of a batch response: which operation of a refused transaction failed.</summary>
public sealed class TableBatchResponseParsing
{
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
