using System.Text;
using BackOnTrack.BoardPack.Pdf;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.TestSamples;
using UglyToad.PdfPig;

namespace BackOnTrack.BoardPack.Tests;

public class PdfRendering
{
    private static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)))];
    }

    /// <summary>
    /// The words of <paramref name="expected"/> appear in order in <paramref name="text"/>, others possibly between
    /// them: a wrapped cell's lines are read row by row, interleaved with the lines of the cells beside it.
    /// </summary>
    private static void AssertWordsInOrder(string expected, string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = 0;
        foreach (var word in expected.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            while (at < words.Length && words[at] != word)
            {
                at++;
            }

            Assert.True(at < words.Length, $"\"{word}\" of \"{expected}\" is missing or out of order");
            at++;
        }
    }

    [Fact]
    public void TheSamplePackRendersToA4Pages()
    {
        using var pdf = PdfDocument.Open(SampleRender.Pdf);

        Assert.InRange(pdf.NumberOfPages, 4, 14);
        Assert.All(pdf.GetPages(), page => Assert.Equal((595.0, 842.0), (Math.Round(page.Width), Math.Round(page.Height))));
    }

    [Fact]
    public void TheTextOfThePdfHoldsEveryFigureOfTheTrendTablesRowByRow()
    {
        var text = string.Join(" ", PageTexts(SampleRender.Pdf));
        var trend = SampleRender.Model.Trend;

        foreach (var row in trend.Rows)
        {
            var label = row.YearToDate ? $"{row.Year} to date" : row.Source == TrendSource.Dfe ? $"{row.Year} (DfE)" : row.Year.ToString();
            var permanent = string.Join(" ", [label, .. trend.Phases.Select(p => row.Permanent[p].Text)]);
            var suspensions = string.Join(" ", [label, .. trend.Phases.Select(p => row.Suspensions[p].Text)]);
            Assert.Contains(permanent, text, StringComparison.Ordinal);
            Assert.Contains(suspensions, text, StringComparison.Ordinal);
        }

        Assert.Contains("2023-24 61 9 50 x 3", text, StringComparison.Ordinal);
        Assert.Contains("2012-13 (DfE) 2,187 – – – –", text, StringComparison.Ordinal);
        Assert.Contains("2025-26 0.12% No DfE figures for 2025-26 11.64% No DfE figures for 2025-26", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPageIsSourcedAndNumbered()
    {
        var pages = PageTexts(SampleRender.Pdf);

        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains("Source: school data drops to 13 Dec 2026; DfE exclusions statistics 2016/17; DfE absence statistics 2023/24", pages[i], StringComparison.Ordinal);
            Assert.Contains($"Page {i + 1} of {pages.Count}", pages[i], StringComparison.Ordinal);
        }

        Assert.StartsWith("Rotherham SEMH strategy board pack: December 2026", pages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void TheFontIsEmbeddedSoThePackReadsTheSameOnAnyMachine()
    {
        using var pdf = PdfDocument.Open(SampleRender.Pdf);
        var fonts = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        var raw = Encoding.Latin1.GetString(SampleRender.Pdf);

        Assert.All(fonts, f => Assert.Contains("LiberationSans", (f ?? string.Empty).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains("/FontFile2", raw, StringComparison.Ordinal);
        Assert.Contains("/ToUnicode", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void EverySectionHeadingIsInThePdf()
    {
        var text = string.Join(" ", PageTexts(SampleRender.Pdf));

        foreach (var heading in new[] { "1. Headline rates", "2. Exclusions trend", "3. 2026-27 so far by NC year", "4. Attendance", "5. Intervention cohorts: before and after", "6. Early warning", "7. Action plan", "8. Returns outstanding" })
        {
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ATableThatRunsOntoTheNextPageRepeatsItsCaptionAndHeader()
    {
        var pages = PageTexts(SampleRender.Pdf);
        var continued = pages.Where(p => p.Contains("Attendance by term and phase (continued)", StringComparison.Ordinal)).ToList();

        var page = Assert.Single(continued);
        AssertWordsInOrder("Attendance by term and phase (continued) Period Phase Enrolments Overall absence Persistent Severe", page);
    }

    [Fact]
    public void LongTextWrapsInsideItsCellAndNothingIsCutOff()
    {
        var input = SampleBoardPack.Input();
        var action = input.Actions[9];
        var title = "Review Inclusion Services and agree evidence-based programmes of delivery for each team and service, linked to priority five, " +
                    "with a clear offer to schools, a published referral route and an annual report to the board on the outcomes achieved";
        var owners = new[] { "Head of Inclusion", "Principal Educational Psychologist", "Early Help Locality Manager", "Strategic Commissioning Manager" };
        input = input with { Actions = [.. input.Actions.Take(9), action with { Action = action.Action with { Imported = action.Action.Imported with { Title = title, Owners = owners } } }, .. input.Actions.Skip(10)] };

        var text = string.Join(" ", PageTexts(PdfPackRenderer.Render(BoardPackBuilder.Build(input))));

        AssertWordsInOrder(title[..159] + "…", text);
        AssertWordsInOrder(string.Join(", ", owners), text);
    }

    [Fact]
    public void APackWithoutEarlyWarningsLeavesTheSectionOut()
    {
        var pdf = PdfPackRenderer.Render(BoardPackBuilder.Build(SampleBoardPack.Input(withEarlyWarnings: false)));
        var text = string.Join(" ", PageTexts(pdf));

        Assert.DoesNotContain("Early warning", text, StringComparison.Ordinal);
        Assert.Contains("6. Action plan", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyHubStillRendersAPackThatSaysWhatIsMissing()
    {
        var input = new BoardPackInput("Rotherham", "Yorkshire and the Humber", SampleBoardPack.AsOf, [], [], [], [], null, [], null);
        var text = string.Join(" ", PageTexts(PdfPackRenderer.Render(BoardPackBuilder.Build(input))));

        Assert.Contains("Source: no school data drops yet; no DfE exclusions statistics held", text, StringComparison.Ordinal);
        Assert.Contains("The hub holds no exclusions figures yet.", text, StringComparison.Ordinal);
        Assert.Contains("The hub holds no action plan yet.", text, StringComparison.Ordinal);
    }
}
