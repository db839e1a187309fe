using System.Text.Json;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using BackOnTrack.Core.Drops;

namespace BackOnTrack.Application.Ingest;

/// <summary>
/// The messages on queue <c>drop-events</c>: Event Grid <c>Microsoft.Storage.BlobCreated</c> events in the Event Grid
/// schema, read and written by the Event Grid SDK, whether Event Grid or SweepDrops sent them (one shape, one code
/// path). Only the blob's address is taken from an event: its current state is read from storage, because events can
/// be late, repeated or out of order.
/// </summary>
public static class DropEvents
{
    private const string SweepTopic = "BackOnTrack/SweepDrops";

    /// <summary>Reads one event (or a one-element array of events, as Event Grid batches them).</summary>
    /// <exception cref="FormatException">The message is not one BlobCreated event naming a container and a blob.</exception>
    public static BlobCreatedEvent Parse(string message)
    {
        EventGridEvent[] events;
        try
        {
            events = EventGridEvent.ParseMany(BinaryData.FromString(message));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new FormatException("The drop event is not an Event Grid event.", ex);
        }

        if (events.Length != 1)
        {
            throw new FormatException($"A drop event message carries one event, not {events.Length}.");
        }

        var blobCreated = events[0];
        if (!blobCreated.TryGetSystemEventData(out var data) || data is not StorageBlobCreatedEventData created)
        {
            throw new FormatException($"The drop event is a {blobCreated.EventType} event, not {SystemEventNames.StorageBlobCreated}.");
        }

        var location = BlobLocation.FromSubject(blobCreated.Subject) ?? BlobLocation.FromUrl(created.Url)
            ?? throw new FormatException("The drop event names no blob (neither its subject nor its data's url).");
        return new BlobCreatedEvent(location.Container, location.BlobName, created.ETag);
    }

    /// <summary>The event SweepDrops enqueues for a blob the events missed: what Event Grid would have sent.</summary>
    public static string Create(string container, string blobName, string etag, Uri blobUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(blobUrl);
        var data = new { api = "PutBlob", eTag = etag, url = blobUrl.AbsoluteUri, blobType = "BlockBlob" };
        var blobCreated = new EventGridEvent(
            BlobLocation.Subject(container, blobName), SystemEventNames.StorageBlobCreated, "1", BinaryData.FromObjectAsJson(data))
        {
            Topic = SweepTopic,
            EventTime = now,
        };
        return BinaryData.FromObjectAsJson(blobCreated).ToString();
    }
}
