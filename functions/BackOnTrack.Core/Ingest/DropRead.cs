using BackOnTrack.Core.Ingest.Validation;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Ingest;

/// <summary>
/// A data drop being read: what it is, which columns were dropped, and its rows' outcomes, read lazily from the
/// stream. Dispose it when done (it holds the stream's reader and, for XLSX, the open package).
/// </summary>
public sealed class DropRead : IDisposable
{
    private readonly IEnumerator<TabularRow>? _rows;
    private readonly IReadOnlyList<TabularRow> _bufferedRows;
    private readonly RowValidator? _validator;
    private readonly Headers.HeaderMatch? _header;
    private bool _enumerated;

    private DropRead(string rejection, TabularFormat? format)
    {
        Rejection = rejection;
        Format = format;
        _bufferedRows = [];
    }

    private DropRead(
        TabularFormat format,
        IReadOnlyList<TabularRow> bufferedRows,
        IEnumerator<TabularRow> rows,
        RowValidator validator,
        Headers.HeaderMatch header)
    {
        Format = format;
        Kind = header.Schema.Kind;
        Layout = header.Schema.Layout;
        HeaderRowNumber = header.RowNumber;
        PersonalColumns = header.PersonalColumns;
        IgnoredColumns = header.IgnoredColumns;
        _bufferedRows = bufferedRows;
        _rows = rows;
        _validator = validator;
        _header = header;
    }

    /// <summary>Why the whole file is rejected (unreadable, empty, unknown kind, ambiguous columns); null when it can be read.</summary>
    public string? Rejection { get; }

    /// <summary>True when the file's rows can be read (<see cref="Rejection"/> is null).</summary>
    public bool IsReadable => Rejection is null;

    /// <summary>CSV or XLSX; null when the format could not be determined.</summary>
    public TabularFormat? Format { get; }

    /// <summary>The kind detected from the header; null when rejected.</summary>
    public DropKind? Kind { get; }

    /// <summary>The layout detected from the header; null when rejected.</summary>
    public DropLayout? Layout { get; }

    /// <summary>The header's row number (rows above it are titles, and ignored).</summary>
    public int? HeaderRowNumber { get; }

    /// <summary>Headings of columns holding personal data (names, dates of birth, addresses, …), which were not read.</summary>
    public IReadOnlyList<string> PersonalColumns { get; } = [];

    /// <summary>Headings of other columns this kind does not use, also not read.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; } = [];

    /// <summary>Data rows read so far (rows below the header that are not blank); final once <see cref="Outcomes"/> has been enumerated.</summary>
    public int RowsRead { get; private set; }

    /// <summary>
    /// One outcome per data row, in file order; in the wide attendance layout, one per non-empty session cell (or one
    /// for the whole row when its pupil, year group or school is invalid). Enumerate once: the file is read as it
    /// goes, in bounded memory. Empty when the file is rejected.
    /// </summary>
    /// <exception cref="UnreadableFileException">The file breaks part-way through (thrown during enumeration).</exception>
    public IEnumerable<RowOutcome> Outcomes
    {
        get
        {
            if (_enumerated)
            {
                throw new InvalidOperationException("A drop's outcomes can be enumerated only once: they are read from the stream.");
            }

            _enumerated = true;
            return _validator is null || _rows is null ? [] : Read(_rows, _validator);
        }
    }

    internal static DropRead Rejected(string rejection, TabularFormat? format = null) => new(rejection, format);

    /// <summary>Why a row holding a formula saved without its result is rejected: the hub reads results, never formulas.</summary>
    public const string UncalculatedFormula =
        "The cell holds a formula saved without its result, and the hub never calculates formulas: open the file in Excel, let it calculate, and save it again.";

    internal static DropRead Readable(
        TabularFormat format,
        Headers.HeaderMatch header,
        IReadOnlyList<TabularRow> rowsAfterHeader,
        IEnumerator<TabularRow> rows,
        RowValidator validator) =>
        new(format, rowsAfterHeader, rows, validator, header);

    public void Dispose()
    {
        _rows?.Dispose();
        _validator?.Dispose();
    }

    private IEnumerable<RowOutcome> Read(IEnumerator<TabularRow> rows, RowValidator validator)
    {
        var outcomes = new List<RowOutcome>();
        foreach (var row in _bufferedRows)
        {
            foreach (var outcome in Validate(row, validator, outcomes))
            {
                yield return outcome;
            }
        }

        while (rows.MoveNext())
        {
            foreach (var outcome in Validate(rows.Current, validator, outcomes))
            {
                yield return outcome;
            }
        }
    }

    private List<RowOutcome> Validate(TabularRow row, RowValidator validator, List<RowOutcome> outcomes)
    {
        RowsRead++;
        outcomes.Clear();
        if (Uncalculated(row) is { } errors)
        {
            outcomes.Add(RowOutcome.Rejected(row.RowNumber, errors));
            return outcomes;
        }

        validator.Validate(row, outcomes);
        return outcomes;
    }

    // A formula without its result in a column the kind reads: the cell is not blank, and its value is unknown.
    private List<RowError>? Uncalculated(TabularRow row)
    {
        List<RowError>? errors = null;
        foreach (var column in row.UncalculatedColumns)
        {
            if (_header!.Reads(column))
            {
                (errors ??= []).Add(new RowError(row.RowNumber, _header.HeadingOf(column), UncalculatedFormula));
            }
        }

        return errors;
    }
}
