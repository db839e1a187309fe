using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BackOnTrack.M365;
using BackOnTrack.M365.Digest;

namespace BackOnTrack.UnitTests.M365;

public class DigestCardBuilderTests
{
    private static string AllText(JsonObject card) => string.Join("\n", SampleDigests.Texts(card));

    [Fact]
    public void TheCardIsAdaptiveCards14WithOnlyTheHubsElementsAndOpenUrlActions()
    {
        var built = DigestCardBuilder.Build(SampleDigests.Typical());

        Assert.Empty(AdaptiveCard14Validator.Problems(built.Card));
        Assert.Equal("1.4", built.Card["version"]!.GetValue<string>());
        Assert.Equal(DigestCardBuilder.Schema, built.Card["$schema"]!.GetValue<string>());
        Assert.Subset(AdaptiveCard14Validator.HubTypes.ToHashSet(), DigestCardBuilder.TypesUsed.ToHashSet());
        Assert.Subset(AdaptiveCard14Validator.Schema14Types.ToHashSet(), AdaptiveCard14Validator.HubTypes.ToHashSet());
    }

    [Fact]
    public void NamesTheSchoolsWithNoAcceptedDropThisTermAfterTheTrackerEdits()
    {
        var digest = SampleDigests.Typical() with
        {
            MissingReturns = new DigestMissingReturns("autumn term 2026-27", [new("3722003", "Hollybank Primary Academy"), new("3724002", "Meadowbank *Community* School")]),
        };

        var built = DigestCardBuilder.Build(digest);
        var texts = SampleDigests.Texts(built.Card).ToList();

        var heading = texts.IndexOf("Schools with no accepted drop this autumn term 2026-27 (2)");
        Assert.True(heading > texts.FindIndex(t => t.StartsWith("Tracker edits not applied", StringComparison.Ordinal)));
        Assert.Equal("3722003 · Hollybank Primary Academy", texts[heading + 1]);
        Assert.DoesNotContain("*Community*", texts[heading + 2], StringComparison.Ordinal);
        Assert.Empty(AdaptiveCard14Validator.Problems(built.Card));
    }

    [Fact]
    public void SaysSoWhenEverySchoolHasSentThisTermsData()
    {
        var texts = SampleDigests.Texts(DigestCardBuilder.Build(SampleDigests.Typical() with { MissingReturns = new DigestMissingReturns("spring term 2026-27", []) }).Card).ToList();

        Assert.Contains("Schools with no accepted drop this spring term 2026-27 (0)", texts);
        Assert.Contains("None: every school has sent this term's data.", texts);
    }

    [Fact]
    public void TheValidatorCatchesWhatTheCardMustNotHave()
    {
        var card = DigestCardBuilder.Build(SampleDigests.Typical()).Card;
        card["actions"]!.AsArray().Add(new JsonObject { ["type"] = "Action.Submit", ["title"] = "Update" });
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "Table", ["columns"] = new JsonArray() });
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "x", ["style"] = "heading" });
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "x", ["size"] = "Huge" });
        card["actions"]!.AsArray().Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "x", ["url"] = "javascript:alert(1)" });

        var problems = AdaptiveCard14Validator.Problems(card);

        Assert.Contains(problems, p => p.Contains("'Action.Submit' is a 1.4 type the hub does not allow", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'Table' is not an Adaptive Cards 1.4 type", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'style' is not a 1.4 property of TextBlock", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'Huge'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("absolute https url", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCardSaysWhatTheBoardNeedsToKnow()
    {
        var text = AllText(DigestCardBuilder.Build(SampleDigests.Typical()).Card);

        Assert.Contains("SEMH strategy action plan 2025–2028: weekly digest", text, StringComparison.Ordinal);
        Assert.Contains("As of Monday 2 November 2026 (week 45)", text, StringComparison.Ordinal);
        foreach (var expected in new[]
                 {
                     "Headline figures", "Suspension rate 2025-26 (LA)", "4.1%", "Actions by status", "Not started", "20",
                     "Actions by priority", "3 · Alternative provision", "14",
                     "Escalated: overdue more than 28 days (2)", "Overdue (2)", "Due in the next 14 days (2)",
                     "Tracker edits not applied (1)", "Not one of Not started, In progress, Complete.",
                 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MoreThan28DaysOverdueIsEscalatedAnd28IsNot()
    {
        Assert.False(BoardDigest.IsEscalated(SampleDigests.AsOf.AddDays(-28), SampleDigests.AsOf));
        Assert.True(BoardDigest.IsEscalated(SampleDigests.AsOf.AddDays(-29), SampleDigests.AsOf));

        var body = DigestCardBuilder.Build(SampleDigests.Typical()).Card["body"]!.AsArray();
        var escalated = string.Join("\n", SampleDigests.Texts(Section(body, "Escalated")));
        var overdue = string.Join("\n", SampleDigests.Texts(Section(body, "Overdue (")));

        Assert.Contains("3.5 · ", escalated, StringComparison.Ordinal);
        Assert.Contains("2.7 · ", escalated, StringComparison.Ordinal);
        Assert.Contains("(29 days overdue)", escalated, StringComparison.Ordinal);
        Assert.Contains("1.1 · ", overdue, StringComparison.Ordinal);
        Assert.Contains("(28 days overdue)", overdue, StringComparison.Ordinal);
        Assert.DoesNotContain("2.7 · ", overdue, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryListedActionOpensItsTrackerItemAndTheFooterLinksOpenTheTracker()
    {
        var digest = SampleDigests.Typical();
        var card = DigestCardBuilder.Build(digest).Card;
        var urls = card.ToJsonString();

        foreach (var action in digest.Due.Concat(digest.Overdue))
        {
            Assert.Contains($"\"url\":\"{action.Link!.AbsoluteUri}\"", urls, StringComparison.Ordinal);
        }

        Assert.Equal(
            ["Open the tracker", "Overdue actions"],
            card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
    }

    [Fact]
    public void ADigestLinkThatIsNotHttpsIsRefused()
    {
        var digest = SampleDigests.Typical(due: [SampleDigests.Action("1.4", 3) with { Link = new Uri("javascript:alert(1)") }]);

        Assert.Throws<ArgumentException>(() => DigestCardBuilder.Build(digest));
    }

    [Fact]
    public void PlanTextCannotInjectLinksMentionsMarkdownOrCardFunctions()
    {
        const string hostile = "[Click here](https://evil.example/x) **urgent** _now_ <at>Chief Executive</at> {{DATE(2017-02-14T06:08:39Z, SHORT)}} ![img](https://evil.example/i.png) www.evil.example `code`";
        var digest = SampleDigests.Typical(
            due: [SampleDigests.Action("1.4", 3, hostile, "- Bullet owner\n1. Listed owner")],
            edits: [new DigestInvalidEdit("2.3", "Status", hostile, "# Heading\n> quote", "<at>Someone</at>", null)],
            headlines: [new(hostile, hostile)],
            planTitle: "Plan\n\n# Big heading");

        var texts = SampleDigests.Texts(DigestCardBuilder.Build(digest).Card).ToList();

        Assert.All(texts, text =>
        {
            Assert.DoesNotMatch(new Regex(@"(?<!\\)\[[^\]]*(?<!\\)\]\("), text);     // [text](url)
            Assert.DoesNotMatch(new Regex(@"(?<!\\)<at>"), text);                    // mention
            Assert.DoesNotMatch(new Regex(@"(?<!\\)\*\*"), text);                   // bold
            Assert.DoesNotMatch(new Regex(@"(?<![\\\w])_\w"), text);               // italic
            Assert.DoesNotMatch(new Regex(@"(?<!\\)`"), text);                      // code
            Assert.DoesNotContain("{{", text, StringComparison.Ordinal);           // card functions
            Assert.DoesNotContain("://", text, StringComparison.Ordinal);          // auto-linked URLs
            Assert.DoesNotContain("www.", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', text);                                     // no new block can start
        });
        var owners = texts.Single(t => t.Contains("Bullet owner", StringComparison.Ordinal));
        Assert.Contains("\\- Bullet owner 1. Listed owner", owners, StringComparison.Ordinal);
        Assert.Contains("Plan # Big heading: weekly digest", texts, StringComparer.Ordinal);
        Assert.Contains(texts, t => t.StartsWith("\\# Heading \\> quote", StringComparison.Ordinal));
    }

    [Fact]
    public void SectionsListAtMostTheLimitAndSayHowManyMore()
    {
        var due = Enumerable.Range(1, 20).Select(i => SampleDigests.Action($"1.{i}", i % 14)).ToList();

        var built = DigestCardBuilder.Build(SampleDigests.Typical(due: due));

        var section = string.Join("\n", SampleDigests.Texts(Section(built.Card["body"]!.AsArray(), "Due in the next 14 days")));
        Assert.Contains("Due in the next 14 days (20)", section, StringComparison.Ordinal);
        Assert.Equal(DigestCardBuilder.DefaultItemsPerSection, Regex.Count(section, @"^1\.\d+ · ", RegexOptions.Multiline));
        Assert.Contains("…and 5 more in the tracker.", section, StringComparison.Ordinal);
        Assert.Equal(5, built.ItemsOmitted);
    }

    [Fact]
    public void AHugePlanStillFitsUnder28KbByListingFewerItems()
    {
        var longTitle = string.Concat(Enumerable.Repeat("Ensure every school has a trained SEMH lead and a graduated response ", 4));
        var overdue = Enumerable.Range(1, 300).Select(i => SampleDigests.Action($"9.{i}", -i, longTitle, "Head of Inclusion", "Virtual School Head", "Principal Educational Psychologist")).ToList();
        var due = Enumerable.Range(1, 300).Select(i => SampleDigests.Action($"8.{i}", i % 15, longTitle)).ToList();
        var edits = Enumerable.Range(1, 300).Select(i => new DigestInvalidEdit($"7.{i}", "Status", longTitle, longTitle, "someone@council.example", null)).ToList();

        var built = DigestCardBuilder.Build(SampleDigests.Typical(due: due, overdue: overdue, edits: edits));

        var posted = WorkflowsMessage.Serialize(built.Card);
        Assert.True(posted.Length < WorkflowsMessage.MaxBodyBytes, $"{posted.Length} bytes");
        Assert.Equal(posted.Length, built.BodyBytes);
        Assert.True(built.ItemsPerSection < DigestCardBuilder.DefaultItemsPerSection);
        Assert.Equal(900 - (4 * built.ItemsPerSection), built.ItemsOmitted);
        Assert.Contains("more in the tracker.", AllText(built.Card), StringComparison.Ordinal);
        Assert.Empty(AdaptiveCard14Validator.Problems(built.Card));
    }

    [Fact]
    public void TextOutsideAsciiIsSentAsUtf8NotEscapes()
    {
        var built = DigestCardBuilder.Build(SampleDigests.Typical(planTitle: "Plan – Café £5"));

        var posted = Encoding.UTF8.GetString(WorkflowsMessage.Serialize(built.Card));

        Assert.Contains("Plan – Café £5", posted, StringComparison.Ordinal);
    }

    [Fact]
    public void ADigestThatCannotFitEvenWithoutListsIsRefusedNotTruncated()
    {
        var figures = Enumerable.Range(1, 2000).Select(i => new DigestFigure($"Figure number {i} of many", $"{i}.0%")).ToList();

        var error = Assert.Throws<DigestTooLargeException>(() => DigestCardBuilder.Build(SampleDigests.Typical(headlines: figures)));

        Assert.True(error.Bytes >= WorkflowsMessage.MaxBodyBytes);
        Assert.Equal(28 * 1024, error.Limit);
    }

    [Fact]
    public void EmptySectionsSayNone()
    {
        var text = AllText(DigestCardBuilder.Build(SampleDigests.Typical(due: [], overdue: [], edits: [])).Card);

        Assert.Contains("Overdue (0)", text, StringComparison.Ordinal);
        Assert.Contains("None.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWorkflowsEnvelopeCarriesTheCardAsAnObject()
    {
        var card = DigestCardBuilder.Build(SampleDigests.Typical()).Card;

        var envelope = JsonNode.Parse(WorkflowsMessage.Serialize(card))!.AsObject();

        Assert.Equal("message", envelope["type"]!.GetValue<string>());
        var attachment = Assert.Single(envelope["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.True(attachment.ContainsKey("contentUrl"));
        Assert.Null(attachment["contentUrl"]);
        Assert.True(JsonNode.DeepEquals(card, attachment["content"]));
    }

    private static JsonNode Section(JsonArray body, string headingStart) =>
        body.Single(n => n!["type"]!.GetValue<string>() == "Container"
                         && n["items"]![0]!["text"]!.GetValue<string>().StartsWith(headingStart, StringComparison.Ordinal))!;
}
