using BackOnTrack.Storage.Queues;

namespace BackOnTrack.UnitTests.Storage;

public class QueueMessageBodies
{
    private static QueueMessage WithText(string text) => new("id", null, 1, default, default, null, text);

    [Fact]
    public void DecodesBase64TextAsUtf8()
    {
        Assert.Equal("""{"planId":"semh-plan"}""", WithText("eyJwbGFuSWQiOiJzZW1oLXBsYW4ifQ==").Body);
    }

    [Fact]
    public void ReadsPlainJsonThatSomeoneWroteWithoutBase64()
    {
        Assert.Equal("""{"planId":"semh-plan"}""", WithText("""{"planId":"semh-plan"}""").Body);
    }

    [Fact]
    public void KeepsTextThatDecodesToInvalidUtf8AsItIs()
    {
        // "//79" is valid base64 for 0xFF 0xFE 0xFD, which is not UTF-8.
        Assert.Equal("//79", WithText("//79").Body);
    }
}
