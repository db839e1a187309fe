using System.Text;
using System.Text.Json;

namespace BackOnTrack.Core.Messages;

/// <summary>The one way the hub's queue messages are written and read: compact JSON objects of string properties.</summary>
internal static class QueueJson
{
    public static string Write(Action<Utf8JsonWriter> properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            properties(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The message as a JSON object, or the shape it should have had.</summary>
    public static JsonDocument Read(string? message, string shape)
    {
        try
        {
            var json = JsonDocument.Parse(message ?? "");
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                return json;
            }

            json.Dispose();
        }
        catch (JsonException)
        {
            // Not JSON at all: answered below like any other wrong shape.
        }

        throw new InvalidQueueMessageException(shape);
    }

    public static string? String(JsonElement root, string name, string shape) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InvalidQueueMessageException(shape)
            : throw new InvalidQueueMessageException(shape);
}
