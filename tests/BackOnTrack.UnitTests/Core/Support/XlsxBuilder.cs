using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BackOnTrack.UnitTests.Core.Support;

/// <summary>
/// Writes small XLSX workbooks the way Excel does: strings in the shared-string table (or inline, on request), dates
/// as serial numbers with a date number format, numbers as numbers.
/// </summary>
internal sealed class XlsxBuilder
{
    private readonly List<(string Name, List<(int RowNumber, object?[] Cells)> Rows)> _sheets = [];

    public bool InlineStrings { get; init; }

    public bool Date1904 { get; init; }

    /// <summary>A value written as an inline string rather than a shared one.</summary>
    public sealed record Inline(string Text);

    /// <summary>A number written with a custom date format code.</summary>
    public sealed record CustomDate(double Serial);

    /// <summary>A formula with the result Excel saved for it, or none (as a generator that never calculates writes it).</summary>
    public sealed record Formula(string Text, string? CachedResult);

    /// <summary>Adds an external link part, as a workbook whose formulas refer to another workbook has.</summary>
    public Uri? ExternalLinkTo { get; init; }

    public XlsxBuilder Sheet(string name, params object?[][] rows)
    {
        var list = new List<(int, object?[])>();
        for (var i = 0; i < rows.Length; i++)
        {
            list.Add((i + 1, rows[i]));
        }

        _sheets.Add((name, list));
        return this;
    }

    /// <summary>A sheet whose rows are at given row numbers (gaps are rows Excel does not write).</summary>
    public XlsxBuilder SheetAt(string name, params (int RowNumber, object?[] Cells)[] rows)
    {
        _sheets.Add((name, rows.ToList()));
        return this;
    }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            if (Date1904)
            {
                workbookPart.Workbook.AppendChild(new WorkbookProperties { Date1904 = true });
            }

            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "[$-809]dd mmmm yyyy;@" }) { Count = 1 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })) { Count = 1 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat { NumberFormatId = 0 },
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true })
                { Count = 4 });
            var shared = new List<string>();
            uint sheetId = 1;
            foreach (var (name, rows) in _sheets)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                foreach (var (rowNumber, cells) in rows)
                {
                    var row = new Row { RowIndex = (uint)rowNumber };
                    for (var c = 0; c < cells.Length; c++)
                    {
                        if (cells[c] is null)
                        {
                            continue;
                        }

                        row.AppendChild(Cell(cells[c]!, $"{(char)('A' + c)}{rowNumber}", shared));
                    }

                    data.AppendChild(row);
                }

                worksheetPart.Worksheet = new Worksheet(data);
                sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = sheetId++, Name = name });
            }

            if (ExternalLinkTo is not null)
            {
                var external = workbookPart.AddNewPart<ExternalWorkbookPart>();
                var target = external.AddExternalRelationship(
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath", ExternalLinkTo);
                external.ExternalLink = new ExternalLink(new ExternalBook { Id = target.Id });
                workbookPart.Workbook.AppendChild(new ExternalReferences(new ExternalReference { Id = workbookPart.GetIdOfPart(external) }));
            }

            if (shared.Count > 0)
            {
                var sstPart = workbookPart.AddNewPart<SharedStringTablePart>();
                sstPart.SharedStringTable = new SharedStringTable(shared.Select(s => new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(s) { Space = SpaceProcessingModeValues.Preserve })));
            }
        }

        return stream.ToArray();
    }

    private Cell Cell(object value, string reference, List<string> shared) => value switch
    {
        Inline inline => InlineCell(inline.Text, reference),
        Formula formula => new Cell
        {
            CellReference = reference,
            DataType = CellValues.String,
            CellFormula = new CellFormula(formula.Text),
            CellValue = formula.CachedResult is null ? null : new CellValue(formula.CachedResult),
        },
        string text when InlineStrings => InlineCell(text, reference),
        string text => new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(Index(shared, text).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        DateOnly date => new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(Serial(date).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        CustomDate custom => new Cell { CellReference = reference, StyleIndex = 2, CellValue = new CellValue(custom.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        bool flag => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(flag ? "1" : "0") },
        int number => new Cell { CellReference = reference, CellValue = new CellValue(number.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
        double number => new Cell { CellReference = reference, StyleIndex = 3, CellValue = new CellValue(number.ToString("R", System.Globalization.CultureInfo.InvariantCulture)) },
        _ => throw new ArgumentException($"Cannot write a {value.GetType().Name}."),
    };

    private static Cell InlineCell(string text, string reference) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)) };

    private double Serial(DateOnly date) =>
        Date1904 ? date.DayNumber - new DateOnly(1904, 1, 1).DayNumber : date.DayNumber - new DateOnly(1899, 12, 30).DayNumber;

    private static int Index(List<string> shared, string text)
    {
        var index = shared.IndexOf(text);
        if (index < 0)
        {
            shared.Add(text);
            index = shared.Count - 1;
        }

        return index;
    }
}
