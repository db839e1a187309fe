using BackOnTrack.BoardPack.Document;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.TestSamples;

namespace BackOnTrack.BoardPack.Tests;

/// <summary>Charts are drawn only from what the pack shows: a suppressed figure has no bar.</summary>
public class ChartData
{
    private static readonly BoardPackModel Pack = BoardPackBuilder.Build(SampleBoardPack.Input());
    private static readonly IReadOnlyList<FigureBlock> Figures = [.. PackComposer.Compose(Pack).OfType<FigureBlock>()];

    private static ChartSpec Chart(string id) => Figures.SelectMany(f => f.Charts).Single(c => c.Id == id);

    [Fact]
    public void ASuppressedCountHasNoBarAndAShownOneHasItsValue()
    {
        var chart = Chart("exclusions-trend-permanent");
        var current = chart.Categories.Count - 1;

        Assert.Equal("2026-27\nto date", chart.Categories[current]);
        Assert.Null(chart.Series.Single(s => s.Name == "Primary").Values[current]);
        Assert.Equal(20, chart.Series.Single(s => s.Name == "Secondary").Values[current]);
        Assert.Null(chart.Series.Single(s => s.Name == "Special").Values[chart.Categories.ToList().IndexOf("2023-24")]);
    }

    [Fact]
    public void PrioritiesAreNumberedOnTheAxisWhenOneNameWouldBeCutAndNamedWhenEveryNameFits()
    {
        // The sample's sixth priority, "Outcomes Focused and Value for Money", is too long for the axis.
        var chart = Chart("action-plan-rag");
        Assert.Equal([.. Pack.ActionPlan.ByPriority.Select(p => $"Priority {p.Priority}")], chart.Categories);

        var shortTitles = Pack with { ActionPlan = Pack.ActionPlan with { ByPriority = [.. Pack.ActionPlan.ByPriority.Take(3)] } };
        var named = PackComposer.Compose(shortTitles).OfType<FigureBlock>().SelectMany(f => f.Charts).Single(c => c.Id == "action-plan-rag");

        Assert.Equal(["1. Sufficiency", "2. Seamless Pathways", "3. Partnerships"], named.Categories);
    }

    [Fact]
    public void NoChartOfPupilsDrawsAOneOrATwo()
    {
        var pupilCharts = Figures.SelectMany(f => f.Charts).Where(c => c.Id != "action-plan-rag" && !c.Percent && c.Id != "cohorts-suspensions");

        Assert.All(pupilCharts.SelectMany(c => c.Series).SelectMany(s => s.Values), v => Assert.False(v is 1 or 2));
    }

    [Fact]
    public void EveryChartHasItsTableAndItsDescription()
    {
        Assert.All(Figures, f =>
        {
            Assert.NotEmpty(f.Table.Rows);
            Assert.All(f.Charts, c => Assert.Contains("the table below gives every", c.Description, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void ChartsRenderAsPngAndSvg()
    {
        var chart = Chart("attendance-overall");

        var png = ChartRenderer.Png(chart, 400, 200);
        var svg = ChartRenderer.Svg(chart, 400, 200);

        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
    }
}
