using System.Globalization;
using BackOnTrack.BoardPack.Document;
using BackOnTrack.Core.BoardPack;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BackOnTrack.BoardPack.Pdf;

/// <summary>
/// The pack as an A4 PDF for the board papers (PDFsharp): Liberation Sans embedded, charts as 216 dpi images with their
/// tables after them, a running header, and on every page the source line and "page n of m".
/// </summary>
public static class PdfPackRenderer
{
    public static byte[] Render(BoardPackModel pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        PackFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = PackComposer.Title(pack);
        document.Info.Author = $"{pack.LocalAuthority} BackOnTrack hub";
        document.Info.Subject = pack.Sources.Line;
        document.Info.CreationDate = pack.AsOf.ToDateTime(TimeOnly.MinValue);
        document.Info.ModificationDate = pack.AsOf.ToDateTime(TimeOnly.MinValue);
        document.PageLayout = PdfPageLayout.SinglePage;

        using (var layout = new PdfLayout(document))
        {
            layout.Title(PackComposer.Title(pack), PackComposer.Subtitle(pack), pack.Sources.Line);
            var blocks = PackComposer.Compose(pack);
            for (var i = 0; i < blocks.Count; i++)
            {
                layout.Add(blocks[i], [.. blocks.Skip(i + 1).Take(2)]);
            }
        }

        Decorate(document, pack);
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    // Header and footer go on once every page exists, so the footer can say "of m".
    private static void Decorate(PdfDocument document, BoardPackModel pack)
    {
        var small = PdfLayout.Font(7.5);
        var grey = new XSolidBrush(XColor.FromArgb(0x59, 0x59, 0x59));
        var pen = new XPen(XColor.FromArgb(0xBF, 0xBF, 0xBF), 0.5);
        var title = PackComposer.Title(pack);
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var width = page.Width.Point;
            var height = page.Height.Point;
            if (i > 0)
            {
                gfx.DrawString(title, small, grey, new XRect(PdfLayout.Margin, 24, width - (2 * PdfLayout.Margin), 10), XStringFormats.TopLeft);
                gfx.DrawLine(pen, PdfLayout.Margin, 36, width - PdfLayout.Margin, 36);
            }

            gfx.DrawLine(pen, PdfLayout.Margin, height - 38, width - PdfLayout.Margin, height - 38);
            var pageText = string.Create(CultureInfo.InvariantCulture, $"Page {i + 1} of {document.PageCount}");
            var pageWidth = gfx.MeasureString(pageText, small).Width;
            var sourceLines = PdfLayout.Wrap(gfx, pack.Sources.Line, small, width - (2 * PdfLayout.Margin) - pageWidth - 12);
            for (var l = 0; l < sourceLines.Count; l++)
            {
                gfx.DrawString(sourceLines[l], small, grey, new XRect(PdfLayout.Margin, height - 33 + (l * 9), width, 9), XStringFormats.TopLeft);
            }

            gfx.DrawString(pageText, small, grey, new XRect(width - PdfLayout.Margin - pageWidth, height - 33, pageWidth, 9), XStringFormats.TopLeft);
        }
    }
}

/// <summary>Flows blocks down A4 pages: wraps text, breaks tables across pages with their header repeated, keeps a chart with its table's start.</summary>
internal sealed class PdfLayout : IDisposable
{
    public const double Margin = 42;
    private const double TopMargin = 48;
    private const double BottomMargin = 52;
    private const double ChartHeight = 210;
    private const double CellPadding = 3;

    private static readonly XColor Ink = XColor.FromArgb(0x1A, 0x1A, 0x1A);
    private static readonly XColor Accent = XColor.FromArgb(0x1F, 0x3A, 0x5F);
    private static readonly XColor HeaderFill = XColor.FromArgb(0xE4, 0xEA, 0xF2);
    private static readonly XColor StripeFill = XColor.FromArgb(0xF5, 0xF6, 0xF8);
    private static readonly XColor RuleColor = XColor.FromArgb(0xC8, 0xCE, 0xD6);
    private static readonly XColor NoteColor = XColor.FromArgb(0x4D, 0x4D, 0x4D);

    private readonly PdfDocument _document;
    private readonly XFont _body = Font(9.5);
    private readonly XFont _note = Font(8);
    private readonly XFont _cell = Font(8);
    private readonly XFont _cellBold = Font(8, bold: true);
    private readonly XFont _header = Font(7.5, bold: true);
    private readonly XFont _caption = Font(9, bold: true);
    private readonly XFont _h1 = Font(14, bold: true);
    private readonly XFont _h2 = Font(10.5, bold: true);
    private PdfPage? _page;
    private XGraphics? _gfx;
    private double _y;

    public PdfLayout(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    private XGraphics Gfx => _gfx!;

    /// <summary>Liberation Sans with Unicode encoding, so dashes, minus signs and names outside Windows-1252 print and extract as written.</summary>
    public static XFont Font(double size, bool bold = false) =>
        new(PackFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    private double Width => _page!.Width.Point - (2 * Margin);

    private double Bottom => _page!.Height.Point - BottomMargin;

    public void Title(string title, string subtitle, string source)
    {
        Text(title, Font(19, bold: true), Accent, after: 4);
        Text(subtitle, _body, Ink, after: 2);
        Text(source, _note, NoteColor, after: 6);
        Gfx.DrawLine(new XPen(Accent, 1.2), Margin, _y, Margin + Width, _y);
        _y += 10;
    }

    /// <summary>Lays out a block; a heading is kept on the page with the start of what follows it (<paramref name="next"/>: the next blocks).</summary>
    public void Add(PackBlock block, IReadOnlyList<PackBlock> next)
    {
        switch (block)
        {
            case HeadingBlock { Level: 1 } heading:
                Ensure(30 + Start(next));
                _y += 8;
                Text(heading.Text, _h1, Accent, after: 6);
                break;
            case HeadingBlock heading:
                Ensure(20 + Start(next));
                _y += 4;
                Text(heading.Text, _h2, Accent, after: 4);
                break;
            case ParagraphBlock { Note: true } note:
                Text(note.Text, _note, NoteColor, after: 4);
                break;
            case ParagraphBlock paragraph:
                Text(paragraph.Text, _body, Ink, after: 6);
                break;
            case FigureBlock figure:
                foreach (var chart in figure.Charts)
                {
                    Ensure(ChartHeight + 70);
                    Chart(chart);
                }

                Table(figure.Table);
                break;
            case TableBlock table:
                Ensure(TableStart(table));
                Table(table);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "Not a block the PDF lays out.");
        }
    }

    public void Dispose() => _gfx?.Dispose();

    // The least of what follows a heading that must sit on its page: a figure's chart, a table's first rows, or an
    // introductory paragraph with the start of the table or figure it introduces.
    private double Start(IReadOnlyList<PackBlock> next) => next.Count == 0 ? 0 : next[0] switch
    {
        FigureBlock => ChartHeight + 70,
        TableBlock table => TableStart(table),
        ParagraphBlock paragraph => TextHeight(paragraph) + (next.Count > 1 && next[1] is TableBlock or FigureBlock ? Start([next[1]]) : 0),
        _ => 40,
    };

    private double TextHeight(ParagraphBlock paragraph)
    {
        var font = paragraph.Note ? _note : _body;
        return (Wrap(Gfx, paragraph.Text, font, Width).Count * LineHeight(font)) + 6;
    }

    // A table starts on a page only with its caption, its header and its first rows (all of them when it has few).
    private double TableStart(TableBlock table)
    {
        var columns = ColumnEdges(table.Widths);
        var header = table.Header.Sum(h => RowHeight(Place(h.Select(c => (c.Text, c.Span)).ToList(), columns), _header));
        var rows = table.Rows.Take(table.Rows.Count <= 4 ? 4 : 2).Sum(r => RowHeight(Place(r.Cells.Select(c => (c.Text, c.Span)).ToList(), columns), r.Total ? _cellBold : _cell));
        return LineHeight(_caption) + 3 + header + rows + 8;
    }

    /// <summary>Splits text into lines no wider than <paramref name="width"/>, breaking at spaces (a word longer than a line is cut).</summary>
    public static IReadOnlyList<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (gfx.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && gfx.MeasureString(line, font).Width > width)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && gfx.MeasureString(line[..fit], font).Width > width)
                    {
                        fit--;
                    }

                    // Prefer to break a long word after a hyphen (cohort names are hyphenated).
                    var hyphen = line.LastIndexOf('-', fit - 1);
                    if (hyphen > 0)
                    {
                        fit = hyphen + 1;
                    }

                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = TopMargin;
    }

    private void Ensure(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private static double LineHeight(XFont font) => font.Size * 1.25;

    private void Text(string text, XFont font, XColor color, double after)
    {
        var brush = new XSolidBrush(color);
        foreach (var line in Wrap(Gfx, text, font, Width))
        {
            Ensure(LineHeight(font));
            Gfx.DrawString(line, font, brush, new XRect(Margin, _y, Width, LineHeight(font)), XStringFormats.TopLeft);
            _y += LineHeight(font);
        }

        _y += after;
    }

    private void Chart(ChartSpec chart)
    {
        if (!chart.HasData)
        {
            Text($"{chart.Title}: nothing to draw (no figures, or only suppressed ones).", _note, NoteColor, after: 4);
            return;
        }

        var png = ChartRenderer.Png(chart, (int)Math.Round(Width), (int)ChartHeight);
        using var stream = new MemoryStream(png);
        using var image = XImage.FromStream(stream);
        Gfx.DrawImage(image, Margin, _y, Width, ChartHeight);
        _y += ChartHeight + 8;
    }

    private void Table(TableBlock table)
    {
        var columns = ColumnEdges(table.Widths);
        Text(table.Caption, _caption, Ink, after: 3);
        DrawHeader(table, columns);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var font = row.Total ? _cellBold : _cell;
            var cells = Place(row.Cells.Select(c => (c.Text, c.Span)).ToList(), columns);
            var height = RowHeight(cells, font);
            if (_y + height > Bottom)
            {
                NewPage();
                Text(table.Caption + " (continued)", _caption, Ink, after: 3);
                DrawHeader(table, columns);
            }

            if (r % 2 == 1 || row.Total)
            {
                Gfx.DrawRectangle(new XSolidBrush(row.Total ? HeaderFill : StripeFill), Margin, _y, Width, height);
            }

            for (var c = 0; c < cells.Count; c++)
            {
                var (text, left, right) = cells[c];
                var cell = row.Cells[c];
                DrawCell(text, font, left, right, cell.Numeric && cell.Span == 1 ? CellAlign.Right : CellAlign.Left);
            }

            _y += height;
            Gfx.DrawLine(new XPen(RuleColor, 0.4), Margin, _y, Margin + Width, _y);
        }

        _y += 8;
    }

    private void DrawHeader(TableBlock table, List<double> columns)
    {
        var numeric = NumericColumns(table, columns.Count - 1);
        foreach (var header in table.Header)
        {
            var cells = Place(header.Select(h => (h.Text, h.Span)).ToList(), columns);
            var height = RowHeight(cells, _header);
            Gfx.DrawRectangle(new XSolidBrush(HeaderFill), Margin, _y, Width, height);
            var column = 0;
            for (var c = 0; c < cells.Count; c++)
            {
                var (text, left, right) = cells[c];
                // A heading sits as the figures under it do: right over numbers, left over text, centred over a group.
                var alignment = header[c].Span > 1 ? CellAlign.Center : numeric[Math.Min(column, numeric.Count - 1)] ? CellAlign.Right : CellAlign.Left;
                DrawCell(text, _header, left, right, alignment);
                column += header[c].Span;
            }

            _y += height;
        }

        Gfx.DrawLine(new XPen(Accent, 0.8), Margin, _y, Margin + Width, _y);
    }

    private static List<bool> NumericColumns(TableBlock table, int count)
    {
        var numeric = new List<bool>();
        for (var column = 0; column < count; column++)
        {
            var cell = table.Rows.Select(r => CellAt(r, column)).FirstOrDefault(c => c is { Span: 1 });
            numeric.Add(cell?.Numeric ?? false);
        }

        return numeric;
    }

    private static TableCell? CellAt(TableRow row, int column)
    {
        var start = 0;
        foreach (var cell in row.Cells)
        {
            if (column < start + cell.Span)
            {
                return column == start ? cell : null;
            }

            start += cell.Span;
        }

        return null;
    }

    private List<double> ColumnEdges(IReadOnlyList<double> widths)
    {
        var total = widths.Sum();
        var edges = new List<double> { Margin };
        foreach (var w in widths)
        {
            edges.Add(edges[^1] + (Width * w / total));
        }

        return edges;
    }

    private static List<(string Text, double Left, double Right)> Place(IReadOnlyList<(string Text, int Span)> cells, List<double> edges)
    {
        var placed = new List<(string, double, double)>();
        var column = 0;
        foreach (var (text, span) in cells)
        {
            var end = Math.Min(column + span, edges.Count - 1);
            placed.Add((text, edges[column], edges[end]));
            column = end;
        }

        return placed;
    }

    private double RowHeight(IReadOnlyList<(string Text, double Left, double Right)> cells, XFont font) =>
        cells.Max(c => Wrap(Gfx, c.Text, font, c.Right - c.Left - (2 * CellPadding)).Count) * LineHeight(font) + (2 * CellPadding);

    private void DrawCell(string text, XFont font, double left, double right, CellAlign alignment)
    {
        var width = right - left - (2 * CellPadding);
        var lines = Wrap(Gfx, text, font, width);
        var brush = new XSolidBrush(Ink);
        var y = _y + CellPadding;
        foreach (var line in lines)
        {
            var lineWidth = Gfx.MeasureString(line, font).Width;
            var x = alignment switch
            {
                CellAlign.Right => right - CellPadding - lineWidth,
                CellAlign.Center => left + ((right - left - lineWidth) / 2),
                _ => left + CellPadding,
            };
            Gfx.DrawString(line, font, brush, new XRect(x, y, lineWidth + 1, LineHeight(font)), XStringFormats.TopLeft);
            y += LineHeight(font);
        }
    }
}

internal enum CellAlign
{
    Left,
    Right,
    Center,
}
