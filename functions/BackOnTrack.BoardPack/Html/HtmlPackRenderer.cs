using System.Net;
using System.Text;
using BackOnTrack.BoardPack.Document;
using BackOnTrack.Core.BoardPack;

namespace BackOnTrack.BoardPack.Html;

/// <summary>
/// The pack as one self-contained HTML page: inline CSS, charts as inline SVG (each an image with a text alternative,
/// followed by its data table), tables with captions and header scopes. Every figure's cell names the rows it came
/// from in <c>data-source</c>. All text is HTML-encoded.
/// </summary>
public static class HtmlPackRenderer
{
    private const int ChartWidth = 760;
    private const int ChartHeight = 300;

    private const string Style = """
        :root { --ink: #1a1a1a; --accent: #1f3a5f; --rule: #c8ced6; --head: #e4eaf2; --stripe: #f5f6f8; --note: #4d4d4d; }
        * { box-sizing: border-box; }
        body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: var(--ink); margin: 0; line-height: 1.45; background: #fff; }
        main, header, footer { max-width: 60rem; margin: 0 auto; padding: 0 1.25rem; }
        header { border-bottom: 2px solid var(--accent); padding-top: 1.5rem; padding-bottom: 0.75rem; }
        h1 { color: var(--accent); font-size: 1.75rem; margin: 0 0 0.25rem; }
        h2 { color: var(--accent); font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
        h3 { color: var(--accent); font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
        p { margin: 0.4rem 0; }
        .note { color: var(--note); font-size: 0.85rem; }
        .source { color: var(--note); font-size: 0.9rem; }
        figure { margin: 1rem 0 0.5rem; }
        figure .chart svg { width: 100%; height: auto; display: block; }
        figcaption { font-size: 0.85rem; color: var(--note); }
        .table-wrap { overflow-x: auto; margin: 0.5rem 0 1rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
        caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
        th, td { padding: 0.3rem 0.45rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
        thead th { background: var(--head); text-align: right; border-bottom: 2px solid var(--accent); min-width: 4.5em; }
        thead th:first-child { text-align: left; }
        thead th[colspan] { text-align: center; }
        tbody th { text-align: left; font-weight: normal; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tbody tr:nth-child(even) { background: var(--stripe); }
        tr.total, tr.total th { font-weight: bold; background: var(--head); }
        footer { color: var(--note); font-size: 0.85rem; border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: 0.75rem; padding-bottom: 2rem; }
        @media print { .table-wrap { overflow: visible; } h2 { break-after: avoid; } figure, tr { break-inside: avoid; } }
        """;

    public static string Render(BoardPackModel pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(PackComposer.Title(pack))).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n")
            .Append("<header>\n<h1>").Append(E(PackComposer.Title(pack))).Append("</h1>\n")
            .Append("<p>").Append(E(PackComposer.Subtitle(pack))).Append("</p>\n")
            .Append("<p class=\"source\">").Append(E(pack.Sources.Line)).Append("</p>\n</header>\n<main>\n");

        var open = false;
        var sections = 0;
        foreach (var block in PackComposer.Compose(pack))
        {
            switch (block)
            {
                case HeadingBlock { Level: 1 } heading:
                    if (open)
                    {
                        html.Append("</section>\n");
                    }

                    sections++;
                    html.Append("<section aria-labelledby=\"section-").Append(sections).Append("\">\n<h2 id=\"section-").Append(sections).Append("\">")
                        .Append(E(heading.Text)).Append("</h2>\n");
                    open = true;
                    break;
                case HeadingBlock heading:
                    html.Append("<h3>").Append(E(heading.Text)).Append("</h3>\n");
                    break;
                case ParagraphBlock paragraph:
                    html.Append(paragraph.Note ? "<p class=\"note\">" : "<p>").Append(E(paragraph.Text)).Append("</p>\n");
                    break;
                case FigureBlock figure:
                    foreach (var chart in figure.Charts)
                    {
                        Chart(html, chart, figure.Table.Id);
                    }

                    Table(html, figure.Table);
                    break;
                case TableBlock table:
                    Table(html, table);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(pack), block.GetType().Name, "Not a block the HTML renders.");
            }
        }

        if (open)
        {
            html.Append("</section>\n");
        }

        html.Append("</main>\n<footer>\n<p>").Append(E(pack.Sources.Line)).Append("</p>\n")
            .Append("<p>Each figure's cell names the table row it was read from (its data-source attribute).</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Chart(StringBuilder html, ChartSpec chart, string tableId)
    {
        var id = E(chart.Id);
        html.Append("<figure id=\"").Append(id).Append("\">\n");
        if (chart.HasData)
        {
            html.Append("<div class=\"chart\" role=\"img\" aria-labelledby=\"").Append(id).Append("-caption\">\n")
                .Append(SvgBody(ChartRenderer.Svg(chart, ChartWidth, ChartHeight)))
                .Append("\n</div>\n");
        }

        html.Append("<figcaption id=\"").Append(id).Append("-caption\">").Append(E(chart.Description))
            .Append(chart.HasData ? string.Empty : " Nothing to draw: no figures, or only suppressed ones.")
            .Append(" <a href=\"#").Append(E(tableId)).Append("\">Data table</a>.</figcaption>\n</figure>\n");
    }

    /// <summary>
    /// The SVG element alone (no XML declaration), with a viewBox so it scales to the page, hidden from screen readers:
    /// the figure's caption and table say it all.
    /// </summary>
    private static string SvgBody(string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var body = start < 0 ? svg : svg[start..];
        return body.Length > 4
            ? $"<svg aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\"" + body[4..]
            : body;
    }

    private static void Table(StringBuilder html, TableBlock table)
    {
        html.Append("<div class=\"table-wrap\">\n<table id=\"").Append(E(table.Id)).Append("\">\n<caption>").Append(E(table.Caption)).Append("</caption>\n<thead>\n");
        foreach (var header in table.Header)
        {
            html.Append("<tr>");
            foreach (var cell in header)
            {
                // An empty cell under a grouped heading names nothing, so it is no header to a screen reader.
                if (cell.Text.Length == 0)
                {
                    html.Append("<td></td>");
                    continue;
                }

                html.Append("<th scope=\"").Append(cell.Span > 1 ? "colgroup" : "col").Append('"');
                if (cell.Span > 1)
                {
                    html.Append(" colspan=\"").Append(cell.Span).Append('"');
                }

                html.Append('>').Append(E(cell.Text)).Append("</th>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append(row.Total ? "<tr class=\"total\">" : "<tr>");
            foreach (var cell in row.Cells)
            {
                var tag = cell.RowHeader ? "th" : "td";
                html.Append('<').Append(tag);
                if (cell.RowHeader)
                {
                    html.Append(" scope=\"row\"");
                }

                if (cell.Numeric)
                {
                    html.Append(" class=\"num\"");
                }

                if (cell.Span > 1)
                {
                    html.Append(" colspan=\"").Append(cell.Span).Append('"');
                }

                if (cell.Sources.Count > 0)
                {
                    html.Append(" data-source=\"").Append(E(string.Join("; ", cell.Sources))).Append('"');
                }

                html.Append('>').Append(E(cell.Text)).Append("</").Append(tag).Append('>');
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
