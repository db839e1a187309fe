using System.Globalization;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Benchmarks;

/// <summary>
/// Reads DfE Explore Education Statistics files (exclusions old and current, census absence, daily attendance;
/// docs/domain.md §DfE statistics files) into Benchmarks rows. The scheme comes from the headings; the file is read whole, because such files
/// are a few thousand aggregate rows and a file is stored only once it is known to be acceptable.
/// </summary>
public static class BenchmarkReader
{
    /// <summary>How many leading rows are searched for the header (a file may carry title rows).</summary>
    public const int RowsSearched = 30;

    /// <summary>Most distinct skipped values listed in the report.</summary>
    private const int SkippedValuesListed = 20;

    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>DfE's symbols for a figure not given (docs/domain.md §Rates, §DfE statistics files): suppressed, not applicable, not available, confidential, rounds to 0.</summary>
    private static readonly HashSet<string> Symbols = new(StringComparer.OrdinalIgnoreCase) { "x", "z", ":", ".", "SUPP", "c", "low" };

    /// <summary>Reads the whole file. A file that is not DfE statistics comes back with <see cref="BenchmarkFile.Rejection"/> set.</summary>
    /// <param name="content">The file (CSV in any encoding the hub reads, or XLSX); left open.</param>
    /// <param name="fileName">The blob's name: tells a misnamed XLSX, and the phase of a file without a phase column.</param>
    public static BenchmarkFile Read(Stream content, string fileName) => Read(content, fileName, TabularLimits.Default);

    /// <summary>Reads the whole file within the given limits; a file beyond them comes back rejected.</summary>
    public static BenchmarkFile Read(Stream content, string fileName, TabularLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            using var rows = TabularFile.Open(content, fileName, limits).Rows.GetEnumerator();
            return ReadRows(rows, fileName);
        }
        catch (UnreadableFileException ex)
        {
            return new BenchmarkFile(ex.Message);
        }
    }

    private static BenchmarkFile ReadRows(IEnumerator<TabularRow> rows, string fileName)
    {
        BenchmarkColumns? columns = null;
        var searched = 0;
        while (columns is null && searched < RowsSearched && rows.MoveNext())
        {
            searched++;
            var candidate = BenchmarkColumns.Of(rows.Current);
            columns = candidate.IsHeader ? candidate : null;
        }

        if (columns is null)
        {
            return new BenchmarkFile(searched == 0
                ? "The file has no rows."
                : $"No header row of DfE statistics was found in the first {RowsSearched} rows: expected time_period (or year) and exclusion (perm_excl, suspension, fixed_excl…) or absence (sess_possible, sess_overall, possible_sessions…) columns.");
        }

        if (columns.Level < 0 && (columns.LaName >= 0 || columns.RegionName >= 0))
        {
            return new BenchmarkFile("The file names areas but has no geographic_level (or level) column, so national, regional and LA rows cannot be told apart.");
        }

        var reader = new RowReader(columns, BenchmarkPhases.FromFileName(fileName));
        while (rows.MoveNext())
        {
            reader.Add(rows.Current);
        }

        return reader.ToFile();
    }

    private sealed class RowReader(BenchmarkColumns columns, BenchmarkPhase phaseWithoutColumn)
    {
        private readonly List<BenchmarkRow> _rows = [];
        private readonly List<RowError> _rejections = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private readonly List<string> _skippedValues = [];
        private readonly List<RowError> _errors = [];
        private int _rowsRead;
        private int _rowsRejected;
        private int _rowsSkipped;

        private BenchmarkScheme Scheme => columns.Scheme!.Value;

        public void Add(TabularRow row)
        {
            _rowsRead++;
            var level = BenchmarkLevel.National;
            if (columns.Level >= 0 && !BenchmarkLevels.TryParse(row[columns.Level], out level))
            {
                Skip(columns.Level, row);
                return;
            }

            var phase = phaseWithoutColumn;
            if (columns.Phase >= 0 && !BenchmarkPhases.TryParse(row[columns.Phase], out phase))
            {
                Skip(columns.Phase, row);
                return;
            }

            _errors.Clear();

            // DfE publishes figures, never formulas: a workbook saved with uncalculated ones cannot be trusted in any column.
            foreach (var column in row.UncalculatedColumns)
            {
                Error(row, column, DropRead.UncalculatedFormula);
            }

            if (!AcademicYear.TryParse(row[columns.Year], out var year))
            {
                Error(row, columns.Year, "Not an academic year (DfE writes 201617 for 2016/17).");
            }

            var period = Period(row);
            var (name, nameColumn) = Name(row, level);
            var counts = new decimal?[Enum.GetValues<BenchmarkCount>().Length];
            var published = new decimal?[Enum.GetValues<BenchmarkRate>().Length];
            var suppressed = false;
            foreach (var count in Enum.GetValues<BenchmarkCount>().Where(columns.Has))
            {
                counts[(int)count] = Figure(row, columns.Column(count), ref suppressed);
            }

            foreach (var rate in Enum.GetValues<BenchmarkRate>().Where(columns.Has))
            {
                published[(int)rate] = Figure(row, columns.Column(rate), ref suppressed);
            }

            if (_errors.Count == 0 && period is { } known)
            {
                var parsed = new BenchmarkRow(row.RowNumber, year, known, level, name, phase, columns, counts, published, suppressed);
                if (_keys.Add(parsed.PartitionKey + "|" + parsed.RowKey))
                {
                    _rows.Add(parsed);
                    return;
                }

                Error(row, nameColumn, "Another row of this file already gives figures for this year, period, area and phase.");
            }

            _rowsRejected++;
            _rejections.AddRange(_errors);
        }

        public BenchmarkFile ToFile() =>
            new(Scheme, _rowsRead, _rows, _rejections, _rowsRejected, _rowsSkipped, _skippedValues, columns.Ignored());

        private BenchmarkPeriod? Period(TabularRow row)
        {
            // DfE's daily attendance files label their year-to-date figures "Academic year", or carry no period at all.
            var daily = Scheme == BenchmarkScheme.DailyAttendance;
            if (columns.TimeIdentifier < 0)
            {
                return daily ? BenchmarkPeriod.YearToDate : BenchmarkPeriod.Year;
            }

            if (!BenchmarkPeriods.TryParse(row[columns.TimeIdentifier], out var period))
            {
                Error(row, columns.TimeIdentifier, "Not a period the hub keeps (academic year, autumn, spring or summer term, autumn and spring terms, year to date).");
                return null;
            }

            return daily && period == BenchmarkPeriod.Year ? BenchmarkPeriod.YearToDate : period;
        }

        private (string Name, int Column) Name(TabularRow row, BenchmarkLevel level)
        {
            if (level == BenchmarkLevel.National)
            {
                return ("England", -1);
            }

            // The 2017-era files put a region's name in la_name; current files in region_name, with la_name blank.
            var column = level == BenchmarkLevel.Region && columns.RegionName >= 0 && (row[columns.RegionName].Length > 0 || columns.LaName < 0)
                ? columns.RegionName
                : columns.LaName;
            var name = column >= 0 ? row[column] : "";
            if (name.Length == 0 || name.Equals("NULL", StringComparison.OrdinalIgnoreCase))
            {
                Error(row, column, "The area has no name.");
            }

            return (name, column);
        }

        private decimal? Figure(TabularRow row, int column, ref bool suppressed)
        {
            var text = row[column];
            if (text.Length == 0 || Symbols.Contains(text))
            {
                suppressed = true;
                return null;
            }

            if (!decimal.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var value))
            {
                Error(row, column, "Not a number or one of DfE's symbols for a figure not given (x z : . SUPP).");
                return null;
            }

            if (value < 0)
            {
                Error(row, column, "A figure cannot be negative.");
                return null;
            }

            return value;
        }

        private void Skip(int column, TabularRow row)
        {
            _rowsSkipped++;
            var value = $"{columns.Heading(column)}: {row[column]}";
            if (_skippedValues.Count < SkippedValuesListed && !_skippedValues.Contains(value))
            {
                _skippedValues.Add(value);
            }
        }

        private void Error(TabularRow row, int column, string reason) =>
            _errors.Add(new RowError(row.RowNumber, column >= 0 ? columns.Heading(column) : "la_name", reason));
    }
}
