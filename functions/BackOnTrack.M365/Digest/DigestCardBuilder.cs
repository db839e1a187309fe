using System.Globalization;
using System.Text.Json.Nodes;

namespace BackOnTrack.M365.Digest;

/// <summary>A built digest card, its posted size and how many listed items had to be left to the tracker.</summary>
public sealed record DigestCard(JsonObject Card, int BodyBytes, int ItemsPerSection, int ItemsOmitted);

/// <summary>
/// Builds the board's digest as an Adaptive Card 1.4 (pure, no I/O) from only TextBlock, FactSet, ColumnSet, Column,
/// Container and Action.OpenUrl. Every piece of plan or tracker text goes through <see cref="CardText.Plain"/>.
/// Lists show at most <see cref="DefaultItemsPerSection"/> items each with "…and N more"; when the posted body would
/// still reach 28 KB, fewer items are listed until it fits.
/// </summary>
public static class DigestCardBuilder
{
    public const string Version = "1.4";
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const int DefaultItemsPerSection = 15;

    /// <summary>The element and action types this builder ever writes (a subset of Adaptive Cards 1.4).</summary>
    public static IReadOnlySet<string> TypesUsed { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "AdaptiveCard", "TextBlock", "FactSet", "ColumnSet", "Column", "Container", "Action.OpenUrl" };

    private const int TitleLength = 140;
    private const int LabelLength = 80;
    private const int OwnersShown = 4;

    /// <exception cref="DigestTooLargeException">Even with no items listed the card is 28 KB or more (e.g. thousands of figures).</exception>
    /// <exception cref="ArgumentException">A link is not an absolute https URL.</exception>
    public static DigestCard Build(BoardDigest digest, int maxItemsPerSection = DefaultItemsPerSection)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentOutOfRangeException.ThrowIfNegative(maxItemsPerSection);
        var perSection = maxItemsPerSection;
        while (true)
        {
            var (card, omitted) = Compose(digest, perSection);
            var bytes = WorkflowsMessage.Serialize(card).Length;
            if (bytes < WorkflowsMessage.MaxBodyBytes)
            {
                return new DigestCard(card, bytes, perSection, omitted);
            }

            if (perSection == 0)
            {
                throw new DigestTooLargeException(bytes, WorkflowsMessage.MaxBodyBytes);
            }

            perSection /= 2;
        }
    }

    private static (JsonObject Card, int Omitted) Compose(BoardDigest digest, int perSection)
    {
        var escalated = digest.Overdue.Where(a => BoardDigest.IsEscalated(a.DueDate, digest.AsOf)).OrderBy(a => a.DueDate).ToList();
        var overdue = digest.Overdue.Where(a => !BoardDigest.IsEscalated(a.DueDate, digest.AsOf)).OrderBy(a => a.DueDate).ToList();
        var due = digest.Due.OrderBy(a => a.DueDate).ToList();
        var omitted = 0;

        var body = new JsonArray
        {
            Text($"{CardText.Plain(digest.PlanTitle, TitleLength)}: weekly digest", size: "Large", weight: "Bolder"),
            Text(
                $"As of {digest.AsOf.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)} " +
                $"(week {ISOWeek.GetWeekOfYear(digest.AsOf.ToDateTime(TimeOnly.MinValue)).ToString(CultureInfo.InvariantCulture)})",
                subtle: true,
                spacing: "None"),
        };

        if (digest.Headlines.Count > 0)
        {
            body.Add(Section("Headline figures", Facts(digest.Headlines.Select(f => (f.Label, f.Value)))));
        }

        body.Add(new JsonObject
        {
            ["type"] = "ColumnSet",
            ["spacing"] = "Medium",
            ["columns"] = new JsonArray
            {
                Column("Actions by status", digest.ByStatus),
                Column("Actions by priority", digest.ByPriority),
            },
        });

        body.Add(ActionSection($"Escalated: overdue more than {BoardDigest.EscalationDays} days", escalated, digest.AsOf, perSection, ref omitted));
        body.Add(ActionSection("Overdue", overdue, digest.AsOf, perSection, ref omitted));
        body.Add(ActionSection("Due in the next 14 days", due, digest.AsOf, perSection, ref omitted));
        body.Add(EditSection(digest.InvalidEdits, perSection, ref omitted));
        if (digest.MissingReturns is { } missing)
        {
            body.Add(ReturnsSection(missing, perSection, ref omitted));
        }

        var card = new JsonObject
        {
            ["$schema"] = Schema,
            ["type"] = "AdaptiveCard",
            ["version"] = Version,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        if (digest.Links.Count > 0)
        {
            card["actions"] = new JsonArray(digest.Links.Select(l => (JsonNode)OpenUrl(l.Url, CardText.Plain(l.Title, LabelLength))).ToArray());
        }

        return (card, omitted);
    }

    private static JsonObject ActionSection(string heading, List<DigestAction> actions, DateOnly asOf, int perSection, ref int omitted)
    {
        var items = new JsonArray { Heading($"{heading} ({actions.Count})") };
        if (actions.Count == 0)
        {
            items.Add(Text("None.", subtle: true, spacing: "None"));
        }

        foreach (var action in actions.Take(perSection))
        {
            var days = action.DueDate.DayNumber - asOf.DayNumber;
            var when = days < 0 ? $"{-days} {Days(-days)} overdue" : days == 0 ? "due today" : $"in {days} {Days(days)}";
            var owners = action.Owners.Count == 0
                ? "no owner"
                : string.Join(", ", action.Owners.Take(OwnersShown).Select(o => CardText.Plain(o, LabelLength)))
                  + (action.Owners.Count > OwnersShown ? $" and {action.Owners.Count - OwnersShown} more" : "");
            var item = new JsonObject
            {
                ["type"] = "Container",
                ["spacing"] = "Small",
                ["items"] = new JsonArray
                {
                    Text($"{CardText.Plain(action.ActionKey, 20)} · {CardText.Plain(action.Title, TitleLength)}", weight: "Bolder"),
                    Text($"Due {action.DueDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} ({when}) · {owners}", subtle: true, spacing: "None"),
                },
            };
            if (action.Link is not null)
            {
                item["selectAction"] = OpenUrl(action.Link, "Open in the tracker");
            }

            items.Add(item);
        }

        omitted += More(items, actions.Count, perSection);
        return new JsonObject { ["type"] = "Container", ["spacing"] = "Medium", ["items"] = items };
    }

    private static JsonObject ReturnsSection(DigestMissingReturns missing, int perSection, ref int omitted)
    {
        var items = new JsonArray { Heading($"Schools with no accepted drop this {CardText.Plain(missing.Term, LabelLength)} ({missing.Schools.Count})") };
        if (missing.Schools.Count == 0)
        {
            items.Add(Text("None: every school has sent this term's data.", subtle: true, spacing: "None"));
        }

        foreach (var school in missing.Schools.Take(perSection))
        {
            items.Add(Text($"{CardText.Plain(school.Laestab, 20)} · {CardText.Plain(school.Name, TitleLength)}", spacing: "None"));
        }

        omitted += More(items, missing.Schools.Count, perSection);
        return new JsonObject { ["type"] = "Container", ["spacing"] = "Medium", ["items"] = items };
    }

    private static JsonObject EditSection(IReadOnlyList<DigestInvalidEdit> edits, int perSection, ref int omitted)
    {
        var items = new JsonArray { Heading($"Tracker edits not applied ({edits.Count})") };
        if (edits.Count == 0)
        {
            items.Add(Text("None.", subtle: true, spacing: "None"));
        }

        foreach (var edit in edits.Take(perSection))
        {
            var by = string.IsNullOrWhiteSpace(edit.EditedBy) ? "" : $" · by {CardText.Plain(edit.EditedBy, LabelLength)}";
            var value = edit.Value is null ? "(empty)" : $"“{CardText.Plain(edit.Value, LabelLength)}”";
            var item = new JsonObject
            {
                ["type"] = "Container",
                ["spacing"] = "Small",
                ["items"] = new JsonArray
                {
                    Text($"{CardText.Plain(edit.ActionKey, 20)} · {CardText.Plain(edit.Field, LabelLength)} {value}", weight: "Bolder"),
                    Text($"{CardText.Plain(edit.Reason, TitleLength)}{by}", subtle: true, spacing: "None"),
                },
            };
            if (edit.Link is not null)
            {
                item["selectAction"] = OpenUrl(edit.Link, "Open in the tracker");
            }

            items.Add(item);
        }

        omitted += More(items, edits.Count, perSection);
        return new JsonObject { ["type"] = "Container", ["spacing"] = "Medium", ["items"] = items };
    }

    private static int More(JsonArray items, int count, int shown)
    {
        var rest = count - Math.Min(count, shown);
        if (rest > 0)
        {
            items.Add(Text($"…and {rest} more in the tracker.", subtle: true, spacing: "Small"));
        }

        return rest;
    }

    private static JsonObject Column(string heading, IReadOnlyList<DigestCount> counts) => new()
    {
        ["type"] = "Column",
        ["width"] = "stretch",
        ["items"] = new JsonArray
        {
            Heading(heading),
            counts.Count == 0
                ? Text("None.", subtle: true, spacing: "None")
                : Facts(counts.Select(c => (c.Label, c.Count.ToString(CultureInfo.InvariantCulture)))),
        },
    };

    private static JsonObject Section(string heading, JsonObject content) => new()
    {
        ["type"] = "Container",
        ["spacing"] = "Medium",
        ["items"] = new JsonArray { Heading(heading), content },
    };

    private static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts
            .Select(f => (JsonNode)new JsonObject { ["title"] = CardText.Plain(f.Title, LabelLength), ["value"] = CardText.Plain(f.Value, LabelLength) })
            .ToArray()),
    };

    private static JsonObject Heading(string text) => Text(text, size: "Medium", weight: "Bolder");

    private static JsonObject Text(string text, string? size = null, string? weight = null, bool subtle = false, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    private static JsonObject OpenUrl(Uri url, string title)
    {
        if (!url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"A digest link must be an absolute https URL; got scheme '{(url.IsAbsoluteUri ? url.Scheme : "relative")}'.", nameof(url));
        }

        return new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url.AbsoluteUri };
    }

    private static string Days(int n) => n == 1 ? "day" : "days";
}
