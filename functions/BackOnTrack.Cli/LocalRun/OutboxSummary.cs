using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BackOnTrack.M365.Outbox;

namespace BackOnTrack.Cli.LocalRun;

/// <summary>
/// What a local run would have sent to Teams (M365 Outbox mode): the owners' activity notifications and the board's
/// digest card, read back from table Outbox, so the run shows the prompts without claiming anything reached Teams.
/// </summary>
public static class OutboxSummary
{
    private const int NotificationsShown = 25;
    private const int DigestLinesShown = 40;

    public static string Format(IReadOnlyList<OutboxEntry> notifications, IReadOnlyList<OutboxEntry> digests)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(digests);
        var text = new StringBuilder().AppendLine("Microsoft 365 outbox (M365 Mode Outbox: written to table Outbox, nothing was sent to Teams):");
        if (notifications.Count == 0)
        {
            text.AppendLine("Teams notifications: none in this run (no open action due within 14 days or overdue, or this week's were already sent).");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Teams notifications ({notifications.Count}):")
                .AppendLine(CultureInfo.InvariantCulture, $"  {"to",-38} {"kind",-8} {"action",-8} text");
            foreach (var entry in notifications.Take(NotificationsShown))
            {
                var topic = JsonNode.Parse(entry.Payload)?["previewText"]?["content"]?.GetValue<string>() ?? "";
                text.AppendLine(CultureInfo.InvariantCulture, $"  {entry.Recipient,-38} {entry.Kind,-8} {entry.ActionKey,-8} {topic}");
            }

            if (notifications.Count > NotificationsShown)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  …and {notifications.Count - NotificationsShown} more.");
            }
        }

        foreach (var digest in digests)
        {
            var lines = CardLines(JsonNode.Parse(digest.Payload)).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"Board digest ({Encoding.UTF8.GetByteCount(digest.Payload):N0} bytes, Adaptive Card in a Workflows message):");
            foreach (var line in lines.Take(DigestLinesShown))
            {
                text.Append("  | ").AppendLine(line);
            }

            if (lines.Count > DigestLinesShown)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  | …and {lines.Count - DigestLinesShown} more lines.");
            }
        }

        if (digests.Count == 0)
        {
            text.AppendLine("Board digest: none in this run (no plan yet, or this week's was already posted).");
        }

        return text.ToString();
    }

    /// <summary>The card's text as it reads: TextBlocks, facts as "title: value", columns side by side, links last.</summary>
    private static IEnumerable<string> CardLines(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var line in array.SelectMany(CardLines))
                {
                    yield return line;
                }

                break;
            case JsonObject element when element["type"]?.GetValue<string>() == "TextBlock":
                yield return element["text"]?.GetValue<string>() ?? "";
                break;
            case JsonObject element when element["type"]?.GetValue<string>() == "FactSet":
                foreach (var fact in element["facts"]?.AsArray() ?? [])
                {
                    yield return $"{fact?["title"]?.GetValue<string>()}: {fact?["value"]?.GetValue<string>()}";
                }

                break;
            case JsonObject element when element["type"]?.GetValue<string>() == "ColumnSet":
                yield return string.Join("  ", (element["columns"]?.AsArray() ?? []).Select(c => string.Join(" ", CardLines(c?["items"]))));
                break;
            case JsonObject element when element["type"]?.GetValue<string>() == "Action.OpenUrl":
                yield return $"[{element["title"]?.GetValue<string>()}] {element["url"]?.GetValue<string>()}";
                break;
            case JsonObject element:
                foreach (var key in new[] { "attachments", "content", "body", "items", "actions" })
                {
                    foreach (var line in CardLines(element[key]))
                    {
                        yield return line;
                    }
                }

                break;
        }
    }
}
