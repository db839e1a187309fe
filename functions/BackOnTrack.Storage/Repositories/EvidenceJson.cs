using System.Globalization;
using System.Text;
using System.Text.Json;
using BackOnTrack.Core.EarlyWarning;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// The Evidence column: a JSON object with one member per reason that holds, in the order the rules run, each holding
/// only the figures that reason has, e.g. <c>{"RepeatSuspensions":{"count":2,"first":"2025-01-13","last":"2025-02-03"}}</c>.
/// </summary>
public static class EvidenceJson
{
    internal static readonly JsonSerializerOptions Options = new();

    public static string Write(IReadOnlyList<ReasonEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var reason in evidence)
            {
                writer.WriteStartObject(reason.Reason.ToString());
                WriteNumber(writer, "count", reason.Count);
                WriteNumber(writer, "previousCount", reason.PreviousCount);
                WriteDate(writer, "first", reason.First);
                WriteDate(writer, "last", reason.Last);
                WriteNumber(writer, "percent", reason.Percent);
                WriteNumber(writer, "baselinePercent", reason.BaselinePercent);
                WriteNumber(writer, "sessions", reason.Sessions);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyList<ReasonEvidence> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var evidence = new List<ReasonEvidence>();
        foreach (var member in document.RootElement.EnumerateObject())
        {
            if (!Enum.TryParse<EarlyWarningReason>(member.Name, out var reason))
            {
                continue;
            }

            var v = member.Value;
            evidence.Add(new ReasonEvidence(reason,
                Count: Int(v, "count"), PreviousCount: Int(v, "previousCount"), First: Date(v, "first"), Last: Date(v, "last"),
                Percent: Decimal(v, "percent"), BaselinePercent: Decimal(v, "baselinePercent"), Sessions: Int(v, "sessions")));
        }

        return evidence;
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateOnly? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    private static int? Int(JsonElement element, string name) => element.TryGetProperty(name, out var v) ? v.GetInt32() : null;

    private static decimal? Decimal(JsonElement element, string name) => element.TryGetProperty(name, out var v) ? v.GetDecimal() : null;

    private static DateOnly? Date(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) ? DateOnly.ParseExact(v.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}
