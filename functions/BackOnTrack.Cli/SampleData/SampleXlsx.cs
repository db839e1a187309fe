using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BackOnTrack.Cli.SampleData;

/// <summary>
/// Writes a <see cref="SampleTable"/> as a one-sheet XLSX workbook the way Excel does (strings in the shared-string
/// table, numbers as numbers, dates as serial numbers with a date format), byte-identical every time.
/// </summary>
/// <remarks>
/// The Open XML SDK on its own is not deterministic: System.IO.Packaging names relationships with random ids and
/// stamps every zip entry with the current time. So every part is added with a fixed relationship id, no package
/// properties are written (System.IO.Packaging would store them under a random part name), and the finished package
/// is copied into a new zip whose entries carry the export date as their time.
/// </remarks>
internal static class SampleXlsx
{
    private const uint DateStyle = 1;

    public static byte[] Write(SampleTable table, string sheetName, DateOnly exportedOn)
    {
        using var package = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(package, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>("rId1");
            stylesPart.Stylesheet = Styles();
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>("rId2");
            var sharedStrings = new SharedStrings();
            worksheetPart.Worksheet = new Worksheet(Sheet(table, sharedStrings));
            var sharedStringPart = workbookPart.AddNewPart<SharedStringTablePart>("rId3");
            sharedStringPart.SharedStringTable = sharedStrings.Table();
            workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = "rId2", SheetId = 1, Name = sheetName }));
        }

        return WithFixedTimes(package.ToArray(), new DateTimeOffset(exportedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    private static SheetData Sheet(SampleTable table, SharedStrings sharedStrings)
    {
        var data = new SheetData();
        var rowNumber = 1;
        foreach (var title in table.Titles)
        {
            data.AppendChild(Row(rowNumber++, [title], sharedStrings));
        }

        // The blank row between the titles and the header is not written, as Excel does not write empty rows.
        rowNumber = table.HeaderRowNumber;
        data.AppendChild(Row(rowNumber++, [.. table.Headings], sharedStrings));
        foreach (var cells in table.Rows)
        {
            data.AppendChild(Row(rowNumber++, cells, sharedStrings));
        }

        return data;
    }

    private static Row Row(int rowNumber, object?[] cells, SharedStrings sharedStrings)
    {
        var row = new Row { RowIndex = (uint)rowNumber };
        for (var column = 0; column < cells.Length; column++)
        {
            var reference = ColumnName(column) + rowNumber.ToString(CultureInfo.InvariantCulture);
            Cell? cell = cells[column] switch
            {
                null or "" => null,
                string text => new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(sharedStrings.IndexOf(text)) },
                DateOnly date => new Cell { CellReference = reference, StyleIndex = DateStyle, CellValue = new CellValue(Serial(date)) },
                int number => new Cell { CellReference = reference, CellValue = new CellValue(number) },
                var other => throw new ArgumentException($"A sample workbook cannot hold a {other.GetType().Name}."),
            };
            if (cell is not null)
            {
                row.AppendChild(cell);
            }
        }

        return row;
    }

    // The fewest parts Excel opens without repair, plus one cell format for dates (built-in format 14, d/m/yyyy here).
    private static Stylesheet Styles() => new(
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 14, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true })
        { Count = 2 });

    // Excel's 1900 date system: serial 1 is 1 January 1900, counting the 29 February 1900 Excel invents.
    private static int Serial(DateOnly date) => date.DayNumber - new DateOnly(1899, 12, 30).DayNumber;

    private static string ColumnName(int column)
    {
        var name = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static byte[] WithFixedTimes(byte[] package, DateTimeOffset time)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var copy = new MemoryStream();
        using (var target = new ZipArchive(copy, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copied = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copied.LastWriteTime = time;
                using var from = entry.Open();
                using var to = copied.Open();
                from.CopyTo(to);
            }
        }

        return copy.ToArray();
    }

    /// <summary>The workbook's shared-string table, each distinct string once, in order of first use.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
        private readonly List<string> _strings = [];

        public int IndexOf(string text)
        {
            if (!_indexes.TryGetValue(text, out var index))
            {
                index = _strings.Count;
                _indexes.Add(text, index);
                _strings.Add(text);
            }

            return index;
        }

        public SharedStringTable Table() =>
            new(_strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })))
            {
                Count = (uint)_strings.Count,
                UniqueCount = (uint)_strings.Count,
            };
    }
}
