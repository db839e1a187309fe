namespace BackOnTrack.Cli.SampleData;

/// <summary>A column of a sample file: its heading and how a row's cell is written.</summary>
/// <param name="Cell">The cell: a string, an int, a decimal, a <see cref="DateOnly"/> (formatted by the writer), or null for empty.</param>
/// <param name="Personal">True when the column holds a name or date of birth, which the hub must drop.</param>
internal sealed record SampleColumn<T>(string Heading, Func<T, object?> Cell, bool Personal = false);

/// <summary>A row of a sample file; <paramref name="Problem"/> is set on a row planted bad.</summary>
internal sealed record Planted<T>(T Row, string? Problem);

/// <summary>
/// A file's content before it is written as CSV or XLSX: optional title rows (then a blank row) above the header, and
/// the data rows, some of them planted bad. Row numbers are the ones a spreadsheet shows, counting titles and blanks.
/// </summary>
internal sealed class SampleTable
{
    private SampleTable(IReadOnlyList<string> titles, IReadOnlyList<string> headings, IReadOnlyList<object?[]> rows, IReadOnlyList<string?> problems, IReadOnlyList<string> personal)
    {
        Titles = titles;
        Headings = headings;
        Rows = rows;
        Problems = problems;
        PersonalColumns = personal;
    }

    /// <summary>Report titles written above the header, as MIS reports have them.</summary>
    public IReadOnlyList<string> Titles { get; }

    public IReadOnlyList<string> Headings { get; }

    /// <summary>The data rows' cells, in file order.</summary>
    public IReadOnlyList<object?[]> Rows { get; }

    public IReadOnlyList<string> PersonalColumns { get; }

    /// <summary>The header's row number: 1, or below the titles and a blank row.</summary>
    public int HeaderRowNumber => Titles.Count == 0 ? 1 : Titles.Count + 2;

    public IReadOnlyList<PlantedBadRow> BadRows =>
        [.. Problems.Select((problem, i) => (problem, i)).Where(p => p.problem is not null).Select(p => new PlantedBadRow(HeaderRowNumber + 1 + p.i, p.problem!))];

    private IReadOnlyList<string?> Problems { get; }

    public static SampleTable Of<T>(IReadOnlyList<SampleColumn<T>> columns, IReadOnlyList<Planted<T>> rows, IReadOnlyList<string>? titles = null) =>
        new(
            titles ?? [],
            [.. columns.Select(c => c.Heading)],
            [.. rows.Select(r => columns.Select(c => c.Cell(r.Row)).ToArray())],
            [.. rows.Select(r => r.Problem)],
            [.. columns.Where(c => c.Personal).Select(c => c.Heading)]);
}
