using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace BackOnTrack.M365.Digest;

/// <summary>
/// The body a Teams Workflows webhook takes (GRAPH.md §1.3): a <c>message</c> whose one attachment carries the
/// Adaptive Card as an object (not a string). Posted messages must stay under 28 KB.
/// </summary>
public static class WorkflowsMessage
{
    /// <summary>The posted body must be smaller than this many bytes of UTF-8 (28 KB).</summary>
    public const int MaxBodyBytes = 28 * 1024;

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        // Letters outside ASCII (é, £, ’) go as themselves, not \uXXXX: a third of the bytes against the 28 KB limit.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The envelope around a card (the card is deep-copied; the argument is not changed).</summary>
    public static JsonObject Wrap(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = AdaptiveCardContentType,
                    ["contentUrl"] = null,
                    ["content"] = card.DeepClone(),
                },
            },
        };
    }

    /// <summary>The bytes that go on the wire for a card: its envelope, compact UTF-8 JSON.</summary>
    public static byte[] Serialize(JsonObject card) => JsonSerializer.SerializeToUtf8Bytes(Wrap(card), Compact);

    /// <summary>The card's posted body, refused (never truncated) when it is 28 KB or more.</summary>
    /// <exception cref="DigestTooLargeException">The body is too large to post.</exception>
    public static byte[] SerializeWithinLimit(JsonObject card)
    {
        var body = Serialize(card);
        return body.Length < MaxBodyBytes ? body : throw new DigestTooLargeException(body.Length, MaxBodyBytes);
    }
}
