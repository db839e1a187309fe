using System.Text.Json;
using BackOnTrack.Core.Text;

namespace BackOnTrack.Functions.Invocations;

/// <summary>
/// What the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger: <c>{"Data":{…},"Metadata":{…}}</c>
/// (the host's documented payload shapes). Values arrive in several shapes depending on the host version and binding, so every
/// reader here is defensive.
/// </summary>
public sealed class InvocationRequest
{
    private InvocationRequest(JsonElement data, JsonElement metadata)
    {
        Data = data;
        Metadata = metadata;
    }

    public JsonElement Data { get; }
    public JsonElement Metadata { get; }

    public static async Task<InvocationRequest> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        return FromJson(document.RootElement);
    }

    public static InvocationRequest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    private static InvocationRequest FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInvocationException("The invocation body is not a JSON object.");
        }

        var data = Property(root, "Data") ?? Empty;
        var metadata = Property(root, "Metadata") ?? Empty;
        return new InvocationRequest(data.Clone(), metadata.Clone());
    }

    /// <summary>
    /// The queue message text of trigger binding <paramref name="binding"/>: the host's double-encoded string unwrapped,
    /// base64 decoded (a <c>dataType: binary</c> binding, or a message read without the host's decoding), or a JSON
    /// object the host passed as an object.
    /// </summary>
    public string ReadQueueMessage(string binding)
    {
        var value = Property(Data, binding) ?? throw new InvalidInvocationException($"The invocation has no Data.{binding}.");
        return value.ValueKind switch
        {
            JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
            JsonValueKind.String => UnwrapMessageText(value.GetString()!),
            _ => throw new InvalidInvocationException($"Data.{binding} is a JSON {value.ValueKind}, not a queue message."),
        };
    }

    /// <summary>The timer trigger's status: whether the run is past due and when the schedule last ran.</summary>
    public TimerInfo ReadTimer(string binding)
    {
        var value = Property(Data, binding) ?? throw new InvalidInvocationException($"The invocation has no Data.{binding}.");
        if (value.ValueKind == JsonValueKind.String)
        {
            using var inner = JsonDocument.Parse(value.GetString()!);
            return TimerInfo.FromJson(inner.RootElement);
        }

        return TimerInfo.FromJson(value);
    }

    /// <summary>How many times the host has delivered this queue message (1 on the first delivery).</summary>
    public long DequeueCount =>
        Property(Metadata, "DequeueCount") switch
        {
            { ValueKind: JsonValueKind.Number } n => n.GetInt64(),
            { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), out var parsed) => parsed,
            _ => 1,
        };

    /// <summary>The queue message id, when the host gave one.</summary>
    public string? MessageId => Property(Metadata, "Id") is { ValueKind: JsonValueKind.String } id ? id.GetString() : null;

    internal static string UnwrapMessageText(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('"'))
        {
            // The host serialises a string binding's value once more: "\"{...}\"".
            try
            {
                return JsonSerializer.Deserialize<string>(trimmed) ?? "";
            }
            catch (JsonException)
            {
                return text;
            }
        }

        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return trimmed;
        }

        // Only JSON travels on the hub's queues, so base64 counts when it decodes to UTF-8 JSON; a plain word that happens
        // to be valid base64 stays as it is.
        return TryDecodeBase64Json(trimmed) ?? text;
    }

    private static string? TryDecodeBase64Json(string text)
    {
        var decoded = Base64Text.TryDecode(text)?.Trim();
        return decoded is not null && (decoded.StartsWith('{') || decoded.StartsWith('[') || decoded.StartsWith('"')) ? UnwrapMessageText(decoded) : null;
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();
}

/// <summary>A timer trigger's payload (<c>ScheduleStatus</c> is null on a first run or without the schedule monitor).</summary>
public sealed record TimerInfo(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next)
{
    internal static TimerInfo FromJson(JsonElement timer)
    {
        var pastDue = false;
        DateTimeOffset? last = null, next = null;
        foreach (var property in timer.EnumerateObject())
        {
            if (property.NameEquals("IsPastDue") && property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                pastDue = property.Value.GetBoolean();
            }
            else if (property.NameEquals("ScheduleStatus") && property.Value.ValueKind == JsonValueKind.Object)
            {
                last = ReadTime(property.Value, "Last");
                next = ReadTime(property.Value, "Next");
            }
        }

        return new TimerInfo(pastDue, last, next);
    }

    private static DateTimeOffset? ReadTime(JsonElement status, string name) =>
        status.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time) ? time : null;
}

/// <summary>The host sent something that is not an invocation this handler understands.</summary>
public sealed class InvalidInvocationException(string message) : Exception(message);
