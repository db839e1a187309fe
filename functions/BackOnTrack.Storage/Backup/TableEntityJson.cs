using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace BackOnTrack.Storage.Backup;

/// <summary>
/// Entity JSON with OData type annotations, as the service writes it. Every type JSON cannot carry on its own is
/// annotated on write (Int64 as a string, Double always, so whole values stay Double; DateTime, Guid, Binary), and
/// read back from the annotations; an unannotated number is an Int32 when it is whole and fits, else a Double.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("PartitionKey", entity.PartitionKey);
        writer.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in entity)
        {
            if (value is null || IsServiceManaged(name))
            {
                continue;
            }

            switch (value)
            {
                case string s:
                    writer.WriteString(name, s);
                    break;
                case int or short or byte:
                    writer.WriteNumber(name, Convert.ToInt32(value, CultureInfo.InvariantCulture));
                    break;
                case long l:
                    writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                    writer.WriteString(name + TypeSuffix, "Edm.Int64");
                    break;
                case double or float:
                    var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (double.IsFinite(d))
                    {
                        writer.WriteNumber(name, d);
                    }
                    else
                    {
                        writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                    }

                    writer.WriteString(name + TypeSuffix, "Edm.Double");
                    break;
                case bool b:
                    writer.WriteBoolean(name, b);
                    break;
                case DateTimeOffset or DateTime:
                    writer.WriteString(name, Utc(value).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
                    writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                    break;
                case Guid g:
                    writer.WriteString(name, g.ToString("D"));
                    writer.WriteString(name + TypeSuffix, "Edm.Guid");
                    break;
                case byte[] bytes:
                    writer.WriteString(name, Convert.ToBase64String(bytes));
                    writer.WriteString(name + TypeSuffix, "Edm.Binary");
                    break;
                case BinaryData data:
                    writer.WriteString(name, Convert.ToBase64String(data.ToArray()));
                    writer.WriteString(name + TypeSuffix, "Edm.Binary");
                    break;
                case Enum e:
                    writer.WriteString(name, e.ToString());
                    break;
                default:
                    throw new InvalidOperationException($"Property '{name}' has unsupported type {value.GetType().Name}.");
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The entity a line describes. The service-managed Timestamp and ETag, never written, are ignored.</summary>
    public static TableEntity Read(JsonElement element)
    {
        var entity = new TableEntity(
            element.GetProperty("PartitionKey").GetString()!,
            element.GetProperty("RowKey").GetString()!);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || name.EndsWith(TypeSuffix, StringComparison.Ordinal) || IsServiceManaged(name))
            {
                continue;
            }

            var edmType = element.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
            if (ReadValue(property.Value, edmType, name) is { } value)
            {
                entity[name] = value;
            }
        }

        return entity;
    }

    // The SDK's entity holds its keys, Timestamp and ETag among its properties; the format has them apart or not at all.
    private static bool IsServiceManaged(string name) =>
        name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal);

    private static DateTime Utc(object value) => value switch
    {
        DateTimeOffset d => d.UtcDateTime,
        DateTime { Kind: DateTimeKind.Unspecified } d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        DateTime d => d.ToUniversalTime(),
        _ => throw new ArgumentException("Not a date.", nameof(value)),
    };

    private static object? ReadValue(JsonElement value, string? edmType, string name) => edmType switch
    {
        "Edm.Int64" => long.Parse(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(), CultureInfo.InvariantCulture),
        "Edm.Double" => value.ValueKind == JsonValueKind.String
            ? value.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                var text => double.Parse(text!, CultureInfo.InvariantCulture),
            }
            : value.GetDouble(),
        "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => Convert.FromBase64String(value.GetString()!),
        "Edm.Int32" => value.GetInt32(),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.String" => value.GetString(),
        null => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var i) => i,
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.Null => null,
            _ => throw new JsonException($"Property '{name}' has a JSON {value.ValueKind}, which is not a table value."),
        },
        _ => throw new JsonException($"Property '{name}' has unknown type {edmType}."),
    };
}
