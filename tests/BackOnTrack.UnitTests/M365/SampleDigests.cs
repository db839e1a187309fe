using System.Text.Json.Nodes;
using BackOnTrack.M365.Digest;

namespace BackOnTrack.UnitTests.M365;

public static class SampleDigests
{
    public static readonly DateOnly AsOf = new(2026, 11, 2);

    public static DigestAction Action(string key, int daysFromAsOf, string? title = null, params string[] owners) => new(
        key,
        title ?? $"Action {key} of the SEMH strategy",
        owners.Length == 0 ? ["Head of Inclusion"] : owners,
        AsOf.AddDays(daysFromAsOf),
        new Uri($"https://council.sharepoint.com/sites/semh/Lists/Tracker/DispForm.aspx?ID={Math.Abs(key.GetHashCode(StringComparison.Ordinal)) % 1000}"));

    public static BoardDigest Typical(
        IReadOnlyList<DigestAction>? due = null,
        IReadOnlyList<DigestAction>? overdue = null,
        IReadOnlyList<DigestInvalidEdit>? edits = null,
        IReadOnlyList<DigestFigure>? headlines = null,
        string planTitle = "SEMH strategy action plan 2025–2028") => new(
        planTitle,
        AsOf,
        [new("Not started", 12), new("In progress", 20), new("Complete", 7)],
        [new("1 · Early identification", 10), new("2 · Inclusive practice", 15), new("3 · Alternative provision", 14)],
        due ?? [Action("1.4", 3), Action("2.1", 14, owners: ["Virtual School Head", "SEMH Lead"])],
        overdue ?? [Action("3.2", -5), Action("1.1", -28), Action("2.7", -29), Action("3.5", -90)],
        edits ?? [new DigestInvalidEdit("2.3", "Status", "Done-ish", "Not one of Not started, In progress, Complete.", "a.owner@council.example", null)],
        headlines ?? [new("Suspension rate 2025-26 (LA)", "4.1%"), new("Permanent exclusions 2025-26", "23"), new("Persistent absence (autumn)", "18.2%")],
        [new DigestLink("Open the tracker", new Uri("https://council.sharepoint.com/sites/semh/Lists/Tracker")),
         new DigestLink("Overdue actions", new Uri("https://council.sharepoint.com/sites/semh/Lists/Tracker/Overdue.aspx"))]);

    /// <summary>Every TextBlock text and Fact title/value in the card, in document order.</summary>
    public static IEnumerable<string> Texts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() == "TextBlock")
                {
                    yield return obj["text"]!.GetValue<string>();
                }

                if (obj.ContainsKey("title") && obj.ContainsKey("value") && !obj.ContainsKey("type"))
                {
                    yield return obj["title"]!.GetValue<string>();
                    yield return obj["value"]!.GetValue<string>();
                }

                foreach (var (_, child) in obj)
                {
                    foreach (var text in Texts(child))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var text in Texts(child))
                    {
                        yield return text;
                    }
                }

                break;
        }
    }
}
