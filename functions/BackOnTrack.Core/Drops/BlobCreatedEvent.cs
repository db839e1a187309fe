using System.Text.Json;

namespace BackOnTrack.Core.Drops;

/// <summary>
/// An Event Grid <c>Microsoft.Storage.BlobCreated</c> event as it arrives on queue <c>drop-events</c>, whether Event
/// Grid or SweepDrops wrote it (one shape, one code path). Only the blob's address is trusted from it: the blob's
/// current state is read from storage, because events can be late, repeated or out of order.
/// </summary>
public sealed record BlobCreatedEvent(string Container, string BlobName, string? ETag)
{
    private const string ContainersMarker = "/containers/";
    private const string BlobsMarker = "/blobs/";

    /// <summary>Reads an event (or a one-element array of events, as Event Grid batches them).</summary>
    /// <exception cref="FormatException">The message is not a BlobCreated event naming a container and a blob.</exception>
    public static BlobCreatedEvent Parse(string message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The drop event is not JSON.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                if (root.GetArrayLength() != 1)
                {
                    throw new FormatException($"A drop event message carries one event, not {root.GetArrayLength()}.");
                }

                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The drop event is not a JSON object.");
            }

            var subject = Text(root, "subject");
            var data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            var etag = data.ValueKind == JsonValueKind.Object ? Text(data, "eTag") : null;
            if (subject is not null && FromSubject(subject) is { } fromSubject)
            {
                return fromSubject with { ETag = etag };
            }

            var url = data.ValueKind == JsonValueKind.Object ? Text(data, "url") : null;
            if (url is not null && FromUrl(url) is { } fromUrl)
            {
                return fromUrl with { ETag = etag };
            }

            throw new FormatException("The drop event names no blob (neither subject nor data.url).");
        }
    }

    /// <summary>The JSON SweepDrops enqueues for a blob the events missed: the same shape Event Grid delivers.</summary>
    public static string Create(string container, string blobName, string etag, Uri blobUrl)
    {
        var payload = new
        {
            topic = "BackOnTrack/SweepDrops",
            subject = $"/blobServices/default/containers/{container}/blobs/{blobName}",
            eventType = "Microsoft.Storage.BlobCreated",
            id = Guid.NewGuid().ToString(),
            data = new { api = "PutBlob", eTag = etag, url = blobUrl.AbsoluteUri, blobType = "BlockBlob" },
            dataVersion = "",
            metadataVersion = "1",
        };
        return JsonSerializer.Serialize(payload);
    }

    private static BlobCreatedEvent? FromSubject(string subject)
    {
        var containerAt = subject.IndexOf(ContainersMarker, StringComparison.Ordinal);
        var blobsAt = subject.IndexOf(BlobsMarker, StringComparison.Ordinal);
        if (containerAt < 0 || blobsAt < containerAt)
        {
            return null;
        }

        var container = subject[(containerAt + ContainersMarker.Length)..blobsAt];
        var blob = subject[(blobsAt + BlobsMarker.Length)..];
        return container.Length == 0 || blob.Length == 0 ? null : new BlobCreatedEvent(container, blob, null);
    }

    private static BlobCreatedEvent? FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        // Path style (Azurite: /account/container/blob) or host style (account.blob.core.windows.net/container/blob).
        var segments = uri.AbsolutePath.TrimStart('/').Split('/', 2);
        if (uri.Host is "127.0.0.1" or "localhost" && segments.Length == 2)
        {
            segments = segments[1].Split('/', 2);
        }

        return segments.Length == 2 && segments[0].Length > 0 && segments[1].Length > 0
            ? new BlobCreatedEvent(segments[0], Uri.UnescapeDataString(segments[1]), null)
            : null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
