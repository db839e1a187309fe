using System.Net.Http.Headers;
using System.Text;
using BackOnTrack.Storage.Pipeline;

namespace BackOnTrack.UnitTests.Storage;

public class SharedKeySigning
{
    private static readonly SharedKeyAuthenticator BlobSigner = new("devstoreaccount1", [1, 2, 3], SharedKeyFlavour.BlobOrQueue);
    private static readonly SharedKeyAuthenticator TableSigner = new("devstoreaccount1", [1, 2, 3], SharedKeyFlavour.Table);

    [Fact]
    public void SignsACreateOnlyPutBlobAsTheServiceCanonicalisesIt()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/mycontainer/hello.txt")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("hello world")),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        request.Headers.Add("x-ms-version", "2025-11-05");
        request.Headers.Add("x-ms-date", "Tue, 14 Oct 2025 10:00:00 GMT");
        request.Headers.Add("x-ms-blob-type", "BlockBlob");

        var expected =
            "PUT\n\n\n11\n\ntext/plain\n\n\n\n*\n\n\n" +
            "x-ms-blob-type:BlockBlob\n" +
            "x-ms-date:Tue, 14 Oct 2025 10:00:00 GMT\n" +
            "x-ms-version:2025-11-05\n" +
            "/devstoreaccount1/devstoreaccount1/mycontainer/hello.txt";
        Assert.Equal(expected, BlobSigner.BlobQueueStringToSign(request));
    }

    [Fact]
    public void SignsListBlobsQueryParametersSortedWithDecodedValues()
    {
        var request = new HttpRequestMessage(HttpMethod.Get,
            "http://127.0.0.1:10000/devstoreaccount1/mycontainer?restype=container&comp=list&prefix=in%2F&maxresults=100");

        var signed = BlobSigner.BlobQueueStringToSign(request);

        Assert.EndsWith("/devstoreaccount1/devstoreaccount1/mycontainer\ncomp:list\nmaxresults:100\nprefix:in/\nrestype:container", signed, StringComparison.Ordinal);
    }

    [Fact]
    public void SignsAnEmptyBodyAsAnEmptyContentLength()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/c?restype=container");

        Assert.StartsWith("PUT\n\n\n\n\n\n", BlobSigner.BlobQueueStringToSign(request), StringComparison.Ordinal);
    }

    [Fact]
    public void SignsTableRequestsWithDateAndPathOnly()
    {
        var request = new HttpRequestMessage(HttpMethod.Get,
            "http://127.0.0.1:10002/devstoreaccount1/Items(PartitionKey='p1',RowKey='r1')?$select=A");
        request.Headers.Add("x-ms-date", "Tue, 14 Oct 2025 10:00:00 GMT");

        Assert.Equal(
            "GET\n\n\nTue, 14 Oct 2025 10:00:00 GMT\n/devstoreaccount1/devstoreaccount1/Items(PartitionKey='p1',RowKey='r1')",
            TableSigner.TableStringToSign(request));
    }
}
