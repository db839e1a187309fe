using System.Text.RegularExpressions;
using BackOnTrack.BoardPack.Html;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Prompts;
using BackOnTrack.Core.Returns;
using BackOnTrack.TestSamples;

namespace BackOnTrack.BoardPack.Tests;

public partial class HtmlRendering
{
    [GeneratedRegex("<figure id=\"([^\"]+)\">.*?<a href=\"#([^\"]+)\">Data table</a>", RegexOptions.Singleline)]
    private static partial Regex Figure();

    [GeneratedRegex("(?:src|href)=\"(?!#)([^\"]*)\"")]
    private static partial Regex Reference();

    [Fact]
    public void TextFromPlansRegistersAndSettingsIsEscaped()
    {
        var input = SampleBoardPack.Input();
        var hostile = "<script>alert('x')</script> & \"quoted\"";
        var action = input.Actions[0];
        input = input with
        {
            LocalAuthority = "Rother<b>ham</b>",
            Actions = [action with { Action = action.Action with { Imported = action.Action.Imported with { PriorityTitle = hostile, Title = hostile } } }, .. input.Actions.Skip(1)],
            Schools = [.. input.Schools.Select(s => s.Laestab == "3722011" ? s with { Name = hostile } : s)],
            Returns = ReturnsTracker.ForTerm([.. input.Schools.Select(s => s with { Name = hostile })], [], SampleBoardPack.Year(2026), Core.Calendar.Period.Autumn),
        };

        var html = HtmlPackRenderer.Render(BoardPackBuilder.Build(input));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;", html, StringComparison.Ordinal);
        Assert.Contains("Rother&lt;b&gt;ham&lt;/b&gt; SEMH strategy board pack", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryChartIsAnImageWithATextAlternativeAndALinkToItsDataTable()
    {
        var html = SampleRender.Html;
        var figures = Figure().Matches(html);

        Assert.Equal(8, figures.Count);
        foreach (Match figure in figures)
        {
            var table = figure.Groups[2].Value;
            Assert.Contains($"<table id=\"{table}\">", html, StringComparison.Ordinal);
            Assert.Contains($"aria-labelledby=\"{figure.Groups[1].Value}-caption\"", figure.Value, StringComparison.Ordinal);
            Assert.Contains("<svg aria-hidden=\"true\"", figure.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TablesHaveCaptionsAndHeaderScopes()
    {
        var html = SampleRender.Html;
        var tables = Regex.Matches(html, "<table id=\"[^\"]+\">\n<caption>[^<]+</caption>\n<thead>\n<tr><th scope=\"col");

        Assert.Equal(Regex.Count(html, "<table "), tables.Count);
        Assert.Contains("<th scope=\"colgroup\" colspan=\"3\">Permanent exclusion rate</th>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">2023-24</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EachFigureCellNamesTheRowItCameFrom()
    {
        var html = SampleRender.Html;

        Assert.Contains("<td class=\"num\" data-source=\"Metrics[LA|2023-24_YEAR_All].PermExcl\">61</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" data-source=\"Metrics[LA|2023-24_YEAR_Phase-Special].PermExcl\">x</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-source=\"Benchmarks[2016-17_YEAR|Region_Yorkshire and The Humber_All].SuspRate\">7.22%</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td colspan=\"2\">No DfE figures for 2025-26</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePageIsSelfContained()
    {
        var html = SampleRender.Html;
        var external = Reference().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.Empty(external);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en-GB\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePageIsDatedAndSourced()
    {
        var html = SampleRender.Html;

        Assert.Contains("<title>Rotherham SEMH strategy board pack: December 2026</title>", html, StringComparison.Ordinal);
        Assert.Contains("Figures as of 13 December 2026.", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"source\">Source: school data drops to 13 Dec 2026; DfE exclusions statistics 2016/17; DfE absence statistics 2023/24</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnActionWithNoOwnersRendersAnEmptyOwnersCell()
    {
        var input = SampleBoardPack.Input();
        var action = input.Actions[3].Action;
        var ownerless = new PlannedAction("semh-action-plan", action with { Imported = action.Imported with { Owners = [], DueDate = new DateOnly(2026, 10, 1) }, Status = ActionStatus.InProgress });

        var html = HtmlPackRenderer.Render(BoardPackBuilder.Build(input with { Actions = [ownerless] }));

        Assert.Contains("<td></td>", html, StringComparison.Ordinal);
    }
}
