using BackOnTrack.BoardPack.Document;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.TestSamples;

namespace BackOnTrack.BoardPack.Tests;

/// <summary>What the pack says when the current year has no figures yet (early in the autumn term, or before the first drop).</summary>
public class SectionsWithoutFigures
{
    private static readonly BoardPackInput Sample = SampleBoardPack.Input();
    private static readonly AcademicYear Current = AcademicYear.FromDate(Sample.AsOf);
    private static readonly IReadOnlyList<PackBlock> Blocks = PackComposer.Compose(BoardPackBuilder.Build(Sample with { Metrics = [.. Sample.Metrics.Where(m => m.Year != Current)] }));

    private static List<string> Paragraphs => [.. Blocks.OfType<ParagraphBlock>().Select(p => p.Text)];

    [Fact]
    public void AYearWithNoExclusionsSaysSoInsteadOfASentenceOfDashes()
    {
        Assert.Contains($"The hub holds no exclusions for {Current} yet.", Paragraphs);
        Assert.DoesNotContain(Paragraphs, p => p.StartsWith("Permanent exclusions so far this year", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAttendanceNotesComeBeforeTheChartsTheyDescribe()
    {
        var list = Blocks.ToList();
        var note = list.FindIndex(b => b is ParagraphBlock p && p.Text == $"No attendance figures for {Current} yet.");
        var charts = list.FindIndex(b => b is FigureBlock f && f.Charts.Any(c => c.Id == "attendance-overall"));

        Assert.InRange(note, 0, charts - 1);
    }

    [Fact]
    public void WithNoTermThisYearTheHeadlineTermColumnsSayLatestTerm()
    {
        var headline = Blocks.OfType<TableBlock>().Single(t => t.Id == "headline-rates");

        Assert.Contains(headline.Header[0], h => h.Text == $"Latest term {Current}");
    }
}
