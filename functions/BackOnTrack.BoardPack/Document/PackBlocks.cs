using BackOnTrack.Core.BoardPack;

namespace BackOnTrack.BoardPack.Document;

/// <summary>
/// The pack laid out as a sequence of blocks (headings, text, charts, tables) that both the PDF and the HTML render,
/// so the two outputs can never say different things.
/// </summary>
public abstract record PackBlock;

/// <summary>A section heading; level 1 starts a numbered section.</summary>
public sealed record HeadingBlock(int Level, string Text) : PackBlock;

/// <summary>Running text; <paramref name="Note"/> is set smaller, as a footnote to the block above.</summary>
public sealed record ParagraphBlock(string Text, bool Note = false) : PackBlock;

/// <summary>One or more charts and the table holding all their data, kept together.</summary>
public sealed record FigureBlock(IReadOnlyList<ChartSpec> Charts, TableBlock Table) : PackBlock
{
    public FigureBlock(ChartSpec chart, TableBlock table)
        : this([chart], table)
    {
    }
}

/// <summary>A table: header rows (cells may span columns), body rows, and a caption that names it.</summary>
/// <param name="Id">A stable id (HTML anchors, chart references).</param>
/// <param name="Widths">Relative column widths.</param>
public sealed record TableBlock(string Id, string Caption, IReadOnlyList<double> Widths, IReadOnlyList<IReadOnlyList<HeaderCell>> Header, IReadOnlyList<TableRow> Rows) : PackBlock;

/// <summary>A header cell spanning <paramref name="Span"/> columns.</summary>
public sealed record HeaderCell(string Text, int Span = 1);

/// <summary>A body row; <paramref name="Total"/> rows are set in bold.</summary>
public sealed record TableRow(IReadOnlyList<TableCell> Cells, bool Total = false);

/// <summary>A cell: text, with the rows its figure came from (empty for labels), right-aligned when it holds a number.</summary>
public sealed record TableCell(string Text, IReadOnlyList<RowRef> Sources, bool Numeric, int Span = 1, bool RowHeader = false)
{
    public static TableCell Label(string text, bool rowHeader = true) => new(text, [], Numeric: false, RowHeader: rowHeader);

    public static TableCell Of(PackFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return new TableCell(figure.Text, figure.Sources, Numeric: true);
    }

    public static TableCell Spanning(string text, int span) => new(text, [], Numeric: false, Span: span);
}
