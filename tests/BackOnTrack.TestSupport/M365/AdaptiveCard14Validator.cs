using System.Text.Json.Nodes;

namespace BackOnTrack.UnitTests.M365;

/// <summary>
/// Checks a card against Adaptive Cards 1.4 as far as the hub needs: every node's type is a 1.4 type and one of the few
/// the hub allows itself (GRAPH.md §2: Action.OpenUrl is the only action that works in a Workflows post without a bot),
/// every property is one 1.4 defines for that type (or Teams' <c>msteams</c> extension), and enumerated values are
/// valid. Returns the problems found, empty when the card passes.
/// </summary>
public static class AdaptiveCard14Validator
{
    /// <summary>Every element and action type in the Adaptive Cards 1.4 schema.</summary>
    public static readonly IReadOnlySet<string> Schema14Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "AdaptiveCard", "TextBlock", "Image", "Media", "MediaSource", "RichTextBlock", "TextRun", "Container", "ColumnSet",
        "Column", "FactSet", "ImageSet", "ActionSet", "Input.Text", "Input.Number", "Input.Date", "Input.Time",
        "Input.Toggle", "Input.ChoiceSet", "Action.OpenUrl", "Action.Submit", "Action.ShowCard", "Action.ToggleVisibility",
        "Action.Execute",
    };

    /// <summary>The hub's subset: display elements and links only.</summary>
    public static readonly IReadOnlySet<string> HubTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "AdaptiveCard", "TextBlock", "FactSet", "ColumnSet", "Column", "Container", "Action.OpenUrl",
    };

    private static readonly string[] Common = ["type", "id", "spacing", "separator", "isVisible", "requires", "fallback", "height"];

    private static readonly Dictionary<string, HashSet<string>> Properties = new(StringComparer.Ordinal)
    {
        ["AdaptiveCard"] = ["type", "$schema", "version", "body", "actions", "selectAction", "fallbackText", "backgroundImage", "minHeight", "rtl", "speak", "lang", "verticalContentAlignment", "refresh", "authentication", "msteams"],
        ["TextBlock"] = [.. Common, "text", "color", "fontType", "horizontalAlignment", "isSubtle", "maxLines", "size", "weight", "wrap"],
        ["FactSet"] = [.. Common, "facts"],
        ["ColumnSet"] = [.. Common, "columns", "selectAction", "style", "bleed", "minHeight", "horizontalAlignment"],
        ["Column"] = [.. Common, "items", "backgroundImage", "bleed", "minHeight", "rtl", "selectAction", "style", "verticalContentAlignment", "width"],
        ["Container"] = [.. Common, "items", "selectAction", "style", "verticalContentAlignment", "bleed", "backgroundImage", "minHeight", "rtl"],
        ["Action.OpenUrl"] = ["type", "id", "title", "iconUrl", "style", "fallback", "requires", "url"],
    };

    private static readonly Dictionary<string, HashSet<string>> Enumerations = new(StringComparer.Ordinal)
    {
        ["size"] = ["Default", "Small", "Medium", "Large", "ExtraLarge"],
        ["weight"] = ["Default", "Lighter", "Bolder"],
        ["spacing"] = ["None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"],
        ["color"] = ["Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"],
    };

    public static IReadOnlyList<string> Problems(JsonObject card)
    {
        var problems = new List<string>();
        if (card["type"]?.GetValue<string>() != "AdaptiveCard")
        {
            problems.Add("The root is not an AdaptiveCard.");
        }

        if (card["version"]?.GetValue<string>() != "1.4")
        {
            problems.Add($"Version is {card["version"]}, not 1.4.");
        }

        Walk(card, "$", problems);
        return problems;
    }

    private static void Walk(JsonNode? node, string path, List<string> problems)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", problems);
                }

                break;
            case JsonObject obj when path.EndsWith(".msteams", StringComparison.Ordinal):
                if (obj.Any(p => p.Key != "width") || obj["width"]?.GetValue<string>() != "Full")
                {
                    problems.Add($"{path}: only msteams.width = Full is used.");
                }

                break;
            case JsonObject obj when path.Contains(".facts[", StringComparison.Ordinal) && !obj.ContainsKey("type"):
                if (obj.Count != 2 || obj["title"] is not JsonValue || obj["value"] is not JsonValue)
                {
                    problems.Add($"{path}: a Fact is exactly {{title, value}}.");
                }

                break;
            case JsonObject obj:
                var type = obj["type"]?.GetValue<string>();
                if (type is null)
                {
                    problems.Add($"{path}: an object without a type.");
                    return;
                }

                if (!Schema14Types.Contains(type))
                {
                    problems.Add($"{path}: '{type}' is not an Adaptive Cards 1.4 type.");
                }
                else if (!HubTypes.Contains(type))
                {
                    problems.Add($"{path}: '{type}' is a 1.4 type the hub does not allow.");
                }

                if (Properties.TryGetValue(type, out var allowed))
                {
                    foreach (var (name, _) in obj.Where(p => !allowed.Contains(p.Key)))
                    {
                        problems.Add($"{path}: '{name}' is not a 1.4 property of {type}.");
                    }
                }

                foreach (var (name, values) in Enumerations)
                {
                    if (obj[name] is JsonValue value && !values.Contains(value.GetValue<string>()))
                    {
                        problems.Add($"{path}.{name}: '{value}' is not one of {string.Join(", ", values)}.");
                    }
                }

                if (type == "Action.OpenUrl"
                    && (!Uri.TryCreate(obj["url"]?.GetValue<string>(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps))
                {
                    problems.Add($"{path}: Action.OpenUrl needs an absolute https url.");
                }

                if (type == "Column" && obj["width"] is JsonValue width && width.GetValue<string>() is not ("auto" or "stretch"))
                {
                    problems.Add($"{path}.width: '{width}' is not auto or stretch.");
                }

                foreach (var (name, child) in obj)
                {
                    if (child is JsonObject or JsonArray)
                    {
                        Walk(child, $"{path}.{name}", problems);
                    }
                }

                break;
        }
    }
}
