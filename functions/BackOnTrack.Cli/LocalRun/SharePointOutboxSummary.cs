using System.Globalization;
using System.Text;
using System.Text.Json;
using BackOnTrack.M365.Outbox;

namespace BackOnTrack.Cli.LocalRun;

/// <summary>The local run's view of what would have gone to the SharePoint lists (outbox channel SharePoint).</summary>
public static class SharePointOutboxSummary
{
    private const int Shown = 12;

    /// <summary>Counts by list and kind, then the latest entries: list, kind, key and the fields that would have been written.</summary>
    public static string Format(IReadOnlyList<OutboxEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return "SharePoint outbox: nothing would have been written to the tracker lists.";
        }

        var parsed = entries.Select(e => (Entry: e, List: ListOf(e.Payload))).ToList();
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"SharePoint outbox ({entries.Count} item write(s) that Graph mode would have sent):");
        foreach (var group in parsed.GroupBy(p => (p.List, p.Entry.Kind)).OrderBy(g => g.Key.List, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key.List,-8} {group.Key.Kind,-7} {group.Count(),5}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Latest {Math.Min(Shown, entries.Count)}:");
        foreach (var (entry, list) in parsed.OrderByDescending(p => p.Entry.RowKey, StringComparer.Ordinal).Take(Shown))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {list,-8} {entry.Kind,-7} {entry.ActionKey,-36} {Fields(entry.Payload)}");
        }

        return text.ToString();
    }

    private static string ListOf(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.TryGetProperty("list", out var list) ? list.GetString() ?? "?" : "?";
    }

    private static string Fields(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        if (!json.RootElement.TryGetProperty("fields", out var fields))
        {
            return "";
        }

        var shown = string.Join(", ", fields.EnumerateObject().Where(f => f.Name is "Status" or "RAG" or "DueDate" or "Period" or "Breakdown" or "PermExcl" or "Susp").Select(f => $"{f.Name}={f.Value}"));
        return shown.Length <= 100 ? shown : shown[..99] + "…";
    }
}
