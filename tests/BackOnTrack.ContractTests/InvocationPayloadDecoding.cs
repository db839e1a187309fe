using BackOnTrack.Functions.Invocations;

namespace BackOnTrack.ContractTests;

/// <summary>The payload shapes of the host's documented payload shapes, as the Functions host sends them.</summary>
public class InvocationPayloadDecoding
{
    private const string Message = """{"scope":"1234567","academicYear":"2015-16"}""";

    [Fact]
    public void UnwrapsTheHostsDoubleEncodedQueueString()
    {
        var request = InvocationRequest.Parse("""
            {"Data":{"message":"\"{\\\"scope\\\":\\\"1234567\\\",\\\"academicYear\\\":\\\"2015-16\\\"}\""},
             "Metadata":{"DequeueCount":2,"Id":"800ae4b3-1","PopReceipt":"AgAAAAMAAAAAAAAA","sys":{"MethodName":"RecomputeMetrics"}}}
            """);

        Assert.Equal(Message, request.ReadQueueMessage("message"));
        Assert.Equal(2, request.DequeueCount);
        Assert.Equal("800ae4b3-1", request.MessageId);
    }

    [Fact]
    public void DecodesABase64QueueMessage()
    {
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Message));

        var request = InvocationRequest.Parse("{\"Data\":{\"message\":\"" + base64 + "\"},\"Metadata\":{\"DequeueCount\":\"1\"}}");

        Assert.Equal(Message, request.ReadQueueMessage("message"));
        Assert.Equal(1, request.DequeueCount);
    }

    [Fact]
    public void ReadsAPlainJsonStringQueueMessage()
    {
        var request = InvocationRequest.Parse("""{"Data":{"message":"{\"scope\":\"1234567\",\"academicYear\":\"2015-16\"}"},"Metadata":{}}""");

        Assert.Equal(Message, request.ReadQueueMessage("message"));
    }

    [Fact]
    public void ReadsAQueueMessageTheHostPassedAsAnObject()
    {
        var request = InvocationRequest.Parse("""{"Data":{"message":{"scope":"1234567","academicYear":"2015-16"}},"Metadata":{}}""");

        Assert.Equal(Message, request.ReadQueueMessage("message"));
    }

    [Fact]
    public void KeepsAPlainWordThatHappensToBeValidBase64()
    {
        var request = InvocationRequest.Parse("""{"Data":{"message":"test"},"Metadata":{}}""");

        Assert.Equal("test", request.ReadQueueMessage("message"));
    }

    [Fact]
    public void ReadsATimerWithScheduleStatus()
    {
        var request = InvocationRequest.Parse("""
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},
              "ScheduleStatus":{"Last":"2025-10-14T10:00:00Z","Next":"2025-10-14T10:15:00Z","LastUpdated":"2025-10-14T10:00:00Z"},
              "IsPastDue":true}},"Metadata":{"sys":{"MethodName":"SweepDrops"}}}
            """);

        var timer = request.ReadTimer("timer");

        Assert.True(timer.IsPastDue);
        Assert.Equal(new DateTimeOffset(2025, 10, 14, 10, 0, 0, TimeSpan.Zero), timer.Last);
        Assert.Equal(new DateTimeOffset(2025, 10, 14, 10, 15, 0, TimeSpan.Zero), timer.Next);
    }

    [Fact]
    public void ReadsATimerWithoutScheduleStatus()
    {
        var request = InvocationRequest.Parse("""{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""");

        var timer = request.ReadTimer("timer");

        Assert.False(timer.IsPastDue);
        Assert.Null(timer.Last);
        Assert.Null(timer.Next);
    }

    [Fact]
    public void ReadsATimerPassedAsAJsonString()
    {
        var request = InvocationRequest.Parse("""{"Data":{"timer":"{\"ScheduleStatus\":null,\"IsPastDue\":true}"},"Metadata":{}}""");

        Assert.True(request.ReadTimer("timer").IsPastDue);
    }

    [Fact]
    public void RefusesAnInvocationWithoutTheBinding()
    {
        var request = InvocationRequest.Parse("""{"Data":{},"Metadata":{}}""");

        Assert.Throws<InvalidInvocationException>(() => request.ReadQueueMessage("message"));
    }

    [Fact]
    public void RefusesABodyThatIsNotAnObject()
    {
        Assert.Throws<InvalidInvocationException>(() => InvocationRequest.Parse("[1,2]"));
    }
}
