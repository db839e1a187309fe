namespace BackOnTrack.Core.Tabular;

/// <summary>
/// One non-blank row of a CSV file or worksheet: its cells, trimmed, as text (XLSX dates as <c>yyyy-MM-dd</c>).
/// </summary>
public sealed class TabularRow
{
    private readonly string[] _cells;

    internal TabularRow(int rowNumber, int lineNumber, string[] cells, int[]? uncalculatedColumns = null)
    {
        RowNumber = rowNumber;
        LineNumber = lineNumber;
        _cells = cells;
        UncalculatedColumns = uncalculatedColumns ?? [];
    }

    /// <summary>
    /// The 1-based row number a person sees when they open the file in a spreadsheet: the worksheet's row, or the
    /// CSV record's position counting blank lines (a quoted line break does not start a new row).
    /// </summary>
    public int RowNumber { get; }

    /// <summary>The 1-based line of the file on which the record starts (CSV); the same as <see cref="RowNumber"/> for XLSX.</summary>
    public int LineNumber { get; }

    /// <summary>The number of cells read; rows may be ragged.</summary>
    public int Count => _cells.Length;

    /// <summary>
    /// The 0-based columns holding a formula saved without its result (XLSX only; the hub never calculates). Their
    /// cells read as empty, which they are not: a reader should reject the row rather than take them as blank.
    /// </summary>
    public IReadOnlyList<int> UncalculatedColumns { get; }

    /// <summary>The cells as read.</summary>
    public IReadOnlyList<string> Cells => _cells;

    /// <summary>The cell in a 0-based column, or an empty string beyond the end of a short row.</summary>
    public string this[int column] => (uint)column < (uint)_cells.Length ? _cells[column] : string.Empty;
}
