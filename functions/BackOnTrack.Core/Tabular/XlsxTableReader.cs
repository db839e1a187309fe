using System.Globalization;
using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static System.FormattableString;

namespace BackOnTrack.Core.Tabular;

/// <summary>
/// Reads the first worksheet that has data from an XLSX workbook, one row at a time.
/// </summary>
/// <remarks>
/// The Open XML SDK opens the package and resolves its parts; the small parts (workbook, styles) are loaded whole,
/// the shared-string table is read into a list (its size is the number of distinct strings, not rows), and the
/// worksheet itself is read forward-only with an <see cref="XmlReader"/> over the part's stream, so a million-row
/// sheet is never held in memory. (The SDK's own <c>OpenXmlReader</c> would do the same but allocates an attribute
/// list for every cell.) A zip needs random access to its central directory, so a non-seekable stream is first copied
/// into memory: that copy is the compressed file, not the sheet.
/// Cells: shared and inline strings (rich-text runs joined, phonetic runs left out), numbers as written, booleans as
/// TRUE/FALSE, and numbers in a date format as <c>yyyy-MM-dd</c> (1900 or 1904 date system). A formula is never
/// evaluated: its result as Excel last saved it is read, and a formula saved without a result is an empty cell listed
/// in <see cref="TabularRow.UncalculatedColumns"/>, for the caller to reject its row. External links are never
/// followed: a cell that refers to another workbook holds the value Excel saved with it.
/// Hostile packages: <see cref="XlsxPackageGuard"/> refuses zip bombs and macros before the SDK opens the package,
/// and the sheet is held to <see cref="TabularLimits"/> (rows, cells per row, characters per cell) as it is read.
/// </remarks>
internal static class XlsxTableReader
{
    private const string NotAWorkbook = "The file is not a readable XLSX workbook (it is corrupt, or not an Excel file).";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    /// <summary>Reads every non-blank row of the first worksheet with data. The stream is left open.</summary>
    public static IEnumerable<TabularRow> ReadRows(Stream stream, TabularLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        return Guarded(stream, limits);
    }

    // XML or zip errors part-way through become UnreadableFileException, so callers handle one exception type.
    private static IEnumerable<TabularRow> Guarded(Stream stream, TabularLimits limits)
    {
        using var rows = ReadWorkbook(stream, limits).GetEnumerator();
        while (true)
        {
            TabularRow row;
            try
            {
                if (!rows.MoveNext())
                {
                    break;
                }

                row = rows.Current;
            }
            catch (Exception ex) when (IsCorruption(ex))
            {
                throw new UnreadableFileException(NotAWorkbook, ex);
            }

            yield return row;
        }
    }

    // What the zip layer, System.IO.Packaging, the SDK and XmlReader throw for damaged or non-workbook packages (the SDK
    // uses ArgumentException and InvalidOperationException for broken relationships and missing parts).
    private static bool IsCorruption(Exception ex) =>
        ex is XmlException or InvalidDataException or FileFormatException or OpenXmlPackageException or IOException
            or InvalidOperationException or FormatException or ArgumentException or NotSupportedException;

    private static IEnumerable<TabularRow> ReadWorkbook(Stream stream, TabularLimits limits)
    {
        var seekable = stream;
        if (!stream.CanSeek)
        {
            seekable = new MemoryStream();
            stream.CopyTo(seekable);
            seekable.Position = 0;
        }

        XlsxPackageGuard.Check(seekable, limits);
        using var document = SpreadsheetDocument.Open(seekable, isEditable: false);
        if (document.DocumentType is SpreadsheetDocumentType.MacroEnabledWorkbook or SpreadsheetDocumentType.MacroEnabledTemplate
            || document.WorkbookPart?.VbaProjectPart is not null)
        {
            throw new UnreadableFileException(XlsxPackageGuard.Macros);
        }

        var workbookPart = document.WorkbookPart ?? throw new UnreadableFileException("The workbook has no worksheets.");
        // The SDK gives null for an empty workbook part (found by fuzzing).
        var workbook = workbookPart.Workbook ?? throw new UnreadableFileException(NotAWorkbook);
        var date1904 = workbook.WorkbookProperties?.Date1904?.Value ?? false;
        var dateStyles = DateStyles(workbookPart.WorkbookStylesPart?.Stylesheet);
        var sharedStrings = SharedStrings(workbookPart.SharedStringTablePart, limits);
        var context = new SheetContext(sharedStrings, dateStyles, date1904, limits);

        foreach (var sheet in workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart worksheetPart)
            {
                continue;
            }

            var any = false;
            foreach (var row in ReadSheet(worksheetPart, context))
            {
                any = true;
                yield return row;
            }

            if (any)
            {
                yield break;
            }
        }
    }

    private static IEnumerable<TabularRow> ReadSheet(WorksheetPart part, SheetContext context)
    {
        var limits = context.Limits;
        using var reader = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Settings);
        var names = new Names(reader.NameTable);
        var cells = new List<string>();
        var uncalculated = new List<int>();
        var inline = new StringBuilder();
        var previousRow = 0;
        var rowsSeen = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || !ReferenceEquals(reader.LocalName, names.Row))
            {
                continue;
            }

            if (++rowsSeen > limits.MaxRows)
            {
                throw new UnreadableFileException(Invariant($"The worksheet has more than {limits.MaxRows:N0} rows, the most the hub reads from one file; split it."));
            }

            var rowNumber = ParsePositive(reader.GetAttribute("r")) ?? previousRow + 1;
            previousRow = rowNumber;
            if (reader.IsEmptyElement)
            {
                continue;
            }

            cells.Clear();
            uncalculated.Clear();
            var any = false;
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && ReferenceEquals(reader.LocalName, names.Row)))
            {
                if (reader.NodeType != XmlNodeType.Element || !ReferenceEquals(reader.LocalName, names.Cell))
                {
                    continue;
                }

                var column = ColumnIndex(reader.GetAttribute("r")) ?? cells.Count;
                var value = ReadCell(reader, names, context, inline);
                if (column >= limits.MaxColumns)
                {
                    // Excel keeps empty, formatted cells out to the edge of a formatted row; only content past the limit counts.
                    if (value is { Length: 0 })
                    {
                        continue;
                    }

                    throw new UnreadableFileException(Invariant($"Row {rowNumber} of the worksheet has more than {limits.MaxColumns:N0} cells, the most the hub reads."));
                }

                while (cells.Count <= column)
                {
                    cells.Add(string.Empty);
                }

                if (value is null)
                {
                    uncalculated.Add(column);
                    any = true;
                    continue;
                }

                cells[column] = value;
                any |= value.Length > 0;
            }

            if (any)
            {
                yield return new TabularRow(rowNumber, rowNumber, [.. cells], uncalculated.Count == 0 ? [] : [.. uncalculated]);
            }
        }
    }

    // The inline-string builder is the sheet's, reused for every cell. Null: a formula saved without its result.
    private static string? ReadCell(XmlReader reader, Names names, SheetContext context, StringBuilder inline)
    {
        var type = reader.GetAttribute("t");
        var style = ParsePositive(reader.GetAttribute("s"), allowZero: true) ?? 0;
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var value = context.Value;
        value.Clear();
        inline.Clear();
        var hasValue = false;
        var hasFormula = false;
        var inValue = false;
        var inText = false;
        var inPhonetic = false;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var name = reader.LocalName;
                    inValue = ReferenceEquals(name, names.Value) && !reader.IsEmptyElement;
                    hasValue |= ReferenceEquals(name, names.Value);
                    hasFormula |= ReferenceEquals(name, names.Formula);
                    inText = ReferenceEquals(name, names.Text) && !reader.IsEmptyElement;
                    inPhonetic |= ReferenceEquals(name, names.Phonetic) && !reader.IsEmptyElement;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    if (inValue)
                    {
                        AppendBounded(reader, value, context.Chunk, context.Limits.MaxCellChars);
                    }
                    else if (inText && !inPhonetic)
                    {
                        AppendBounded(reader, inline, context.Chunk, context.Limits.MaxCellChars);
                    }

                    break;
                case XmlNodeType.EndElement:
                    var end = reader.LocalName;
                    if (ReferenceEquals(end, names.Cell))
                    {
                        if (hasFormula && !hasValue && type != "inlineStr")
                        {
                            return null;
                        }

                        return context.Interpret(type, style, hasValue ? value.ToString() : null, inline);
                    }

                    inValue &= !ReferenceEquals(end, names.Value);
                    inText &= !ReferenceEquals(end, names.Text);
                    inPhonetic &= !ReferenceEquals(end, names.Phonetic);
                    break;
            }
        }

        throw new UnreadableFileException(NotAWorkbook);
    }

    // Reads a text node in chunks, so a cell longer than the limit is refused before it is held whole.
    private static void AppendBounded(XmlReader reader, StringBuilder text, char[] buffer, int maxChars)
    {
        int read;
        while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + read > maxChars)
            {
                throw new UnreadableFileException(
                    Invariant($"A cell of the workbook is longer than {maxChars:N0} characters, the most the hub reads (Excel's own limit is 32,767)."));
            }

            text.Append(buffer, 0, read);
        }
    }

    private static List<string> SharedStrings(SharedStringTablePart? part, TabularLimits limits)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        using var reader = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Settings);
        var names = new Names(reader.NameTable);
        var text = new StringBuilder();
        var chunk = new char[4096];
        var inItem = false;
        var inText = false;
        var inPhonetic = false;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var name = reader.LocalName;
                    if (ReferenceEquals(name, names.StringItem))
                    {
                        text.Clear();
                        if (reader.IsEmptyElement)
                        {
                            strings.Add(string.Empty);
                        }
                        else
                        {
                            inItem = true;
                        }
                    }

                    inText = inItem && ReferenceEquals(name, names.Text) && !reader.IsEmptyElement;
                    inPhonetic |= ReferenceEquals(name, names.Phonetic) && !reader.IsEmptyElement;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    if (inText && !inPhonetic)
                    {
                        AppendBounded(reader, text, chunk, limits.MaxCellChars);
                    }

                    break;
                case XmlNodeType.EndElement:
                    var end = reader.LocalName;
                    if (ReferenceEquals(end, names.StringItem))
                    {
                        strings.Add(text.ToString().Trim());
                        inItem = false;
                    }

                    inText &= !ReferenceEquals(end, names.Text);
                    inPhonetic &= !ReferenceEquals(end, names.Phonetic);
                    break;
            }
        }

        return strings;
    }

    // Which cell style indexes (cellXfs) show numbers as dates: the built-in date formats, and custom formats whose
    // code has a day or year part once quoted text, escapes and [colour]/[$-locale] sections are removed.
    private static bool[] DateStyles(Stylesheet? stylesheet)
    {
        var formats = stylesheet?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var custom = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? string.Empty) ?? [];
        var result = new bool[formats.Count];
        for (var i = 0; i < formats.Count; i++)
        {
            var id = formats[i].NumberFormatId?.Value ?? 0;
            result[i] = custom.TryGetValue(id, out var code) ? IsDateFormat(code) : IsBuiltInDateFormat(id);
        }

        return result;
    }

    private static bool IsBuiltInDateFormat(uint id) => id is (>= 14 and <= 17) or 22 or (>= 27 and <= 36) or (>= 50 and <= 58);

    internal static bool IsDateFormat(string code)
    {
        var inQuotes = false;
        var inBracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (inQuotes)
            {
                inQuotes = c != '"';
            }
            else if (inBracket)
            {
                inBracket = c != ']';
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == '[')
            {
                inBracket = true;
            }
            else if (c is '\\' or '_' or '*')
            {
                i++;
            }
            else if (c is 'd' or 'D' or 'y' or 'Y')
            {
                return true;
            }
        }

        return false;
    }

    // "AB12" → 27 (0-based column of the reference's letters).
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            letters++;
            if (letters > 3)
            {
                throw new UnreadableFileException(NotAWorkbook);
            }
        }

        return letters == 0 ? null : column - 1;
    }

    private static int? ParsePositive(string? text, bool allowZero = false) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (value > 0 || (allowZero && value == 0))
            ? value
            : null;

    private sealed class SheetContext(List<string> sharedStrings, bool[] dateStyles, bool date1904, TabularLimits limits)
    {
        private readonly StringPool _pool = new();
        private readonly Dictionary<int, string> _dates = [];

        public TabularLimits Limits => limits;

        /// <summary>The cell value being read, reused for every cell.</summary>
        public StringBuilder Value { get; } = new();

        /// <summary>The buffer text nodes are read through.</summary>
        public char[] Chunk { get; } = new char[4096];

        public string Interpret(string? type, int style, string? value, StringBuilder inline)
        {
            switch (type)
            {
                case "s":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= sharedStrings.Count)
                    {
                        throw new UnreadableFileException(NotAWorkbook);
                    }

                    return sharedStrings[index];
                case "inlineStr":
                    return InlineText(inline);
                case "b":
                    return value?.Trim() == "1" ? "TRUE" : "FALSE";
                case "n" or null when value is not null && (uint)style < (uint)dateStyles.Length && dateStyles[style]:
                    return DateText(value);
                default:
                    return value is null ? string.Empty : _pool.Get(value.AsSpan().Trim());
            }
        }

        private string InlineText(StringBuilder inline)
        {
            // Short values (codes, dates, year groups) are looked up in the pool without building a string.
            if (inline.Length <= 64)
            {
                Span<char> buffer = stackalloc char[inline.Length];
                inline.CopyTo(0, buffer, inline.Length);
                return _pool.Get(buffer.Trim());
            }

            return inline.ToString().Trim();
        }

        private string DateText(string value)
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
                || !ExcelDates.TryToDate(serial, date1904, out var date))
            {
                return _pool.Get(value.AsSpan().Trim());
            }

            if (!_dates.TryGetValue(date.DayNumber, out var text))
            {
                text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                _dates[date.DayNumber] = text;
            }

            return text;
        }
    }

    // Element names atomised in the reader's name table, so comparisons are by reference, not by string content.
    private sealed class Names(XmlNameTable table)
    {
        public string Row { get; } = table.Add("row");
        public string Formula { get; } = table.Add("f");
        public string Cell { get; } = table.Add("c");
        public string Value { get; } = table.Add("v");
        public string Text { get; } = table.Add("t");
        public string Phonetic { get; } = table.Add("rPh");
        public string StringItem { get; } = table.Add("si");
    }
}
