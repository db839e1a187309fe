using BackOnTrack.Core.Tabular;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Tabular;

public class XlsxReading
{
    private static List<TabularRow> Read(byte[] workbook, string name = "upload.xlsx", bool seekable = true)
    {
        Stream stream = seekable ? new MemoryStream(workbook) : new CsvReading.ForwardOnlyStream(workbook);
        var (format, rows) = TabularFile.Open(stream, name);
        Assert.Equal(TabularFormat.Xlsx, format);
        return rows.ToList();
    }

    [Fact]
    public void ReadsSharedStringsNumbersAndTheSheetsRowNumbers()
    {
        var workbook = new XlsxBuilder().Sheet("Exclusions",
            ["UPN", "Days", "LAESTAB"],
            ["B801200005001", 2.5, 3724001]).Build();

        var rows = Read(workbook);

        Assert.Equal(["UPN", "Days", "LAESTAB"], rows[0].Cells);
        Assert.Equal(["B801200005001", "2.5", "3724001"], rows[1].Cells);
        Assert.Equal(2, rows[1].RowNumber);
    }

    [Fact]
    public void ReadsInlineStrings()
    {
        var workbook = new XlsxBuilder { InlineStrings = true }.Sheet("Sheet1", ["UPN", "Mark"], ["  B801200005001 ", "/"]).Build();

        var rows = Read(workbook);

        Assert.Equal("B801200005001", rows[1][0]);
        Assert.Equal("/", rows[1][1]);
    }

    [Fact]
    public void WritesDateFormattedSerialsAsIsoDates()
    {
        var workbook = new XlsxBuilder().Sheet("Marks",
            ["Date", "Custom"],
            [new DateOnly(2025, 11, 3), new XlsxBuilder.CustomDate(45964)]).Build();

        var rows = Read(workbook);

        Assert.Equal("2025-11-03", rows[1][0]);
        Assert.Equal("2025-11-03", rows[1][1]);
    }

    [Fact]
    public void ReadsThe1904DateSystem()
    {
        var workbook = new XlsxBuilder { Date1904 = true }.Sheet("Marks", ["Date"], [new DateOnly(2025, 11, 3)]).Build();

        Assert.Equal("2025-11-03", Read(workbook)[1][0]);
    }

    [Fact]
    public void KeepsTitleRowsAndGapsWithTheirRealRowNumbers()
    {
        var workbook = new XlsxBuilder().SheetAt("Report",
            (1, ["Attendance report – Oakfield Academy"]),
            (2, ["Printed 10/11/2025"]),
            (4, ["UPN", "NC Year"]),
            (5, ["B801200005001", "Y7"])).Build();

        var rows = Read(workbook);

        Assert.Equal([1, 2, 4, 5], rows.Select(r => r.RowNumber));
        Assert.Equal("UPN", rows[2][0]);
    }

    [Fact]
    public void PlacesCellsByTheirReferenceSoSkippedCellsAreEmpty()
    {
        var workbook = new XlsxBuilder().Sheet("S", ["a", null, "c"], [null, "y"]).Build();

        var rows = Read(workbook);

        Assert.Equal(["a", "", "c"], rows[0].Cells);
        Assert.Equal(["", "y"], rows[1].Cells);
    }

    [Fact]
    public void ReadsTheFirstWorksheetThatHasData()
    {
        var workbook = new XlsxBuilder()
            .Sheet("Cover")
            .Sheet("Blank", [null, ""])
            .Sheet("Data", ["UPN"], ["B801200005001"])
            .Sheet("Later", ["ignored"])
            .Build();

        var rows = Read(workbook);

        Assert.Equal(["UPN", "B801200005001"], rows.Select(r => r[0]));
    }

    [Fact]
    public void WritesBooleansAsTrueOrFalse()
    {
        var workbook = new XlsxBuilder().Sheet("S", [true, false]).Build();

        Assert.Equal(["TRUE", "FALSE"], Read(workbook)[0].Cells);
    }

    [Fact]
    public void ReadsFromAStreamThatCannotSeek()
    {
        var workbook = new XlsxBuilder().Sheet("S", ["UPN"], ["B801200005001"]).Build();

        Assert.Equal(2, Read(workbook, seekable: false).Count);
    }

    [Fact]
    public void RecognisesAWorkbookByItsContentWhateverItsName()
    {
        var workbook = new XlsxBuilder().Sheet("S", ["UPN"]).Build();

        Assert.Single(Read(workbook, name: "export.csv"));
    }

    [Fact]
    public void RejectsACorruptWorkbook()
    {
        var workbook = new XlsxBuilder().Sheet("S", ["UPN"], ["B801200005001"]).Build();
        var truncated = workbook[..(workbook.Length / 2)];

        var ex = Assert.Throws<UnreadableFileException>(() => Read(truncated));

        Assert.Contains("not a readable XLSX workbook", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAZipThatIsNotAWorkbook()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            writer.Write("hello");
        }

        Assert.Throws<UnreadableFileException>(() => Read(zip.ToArray()));
    }

    [Fact]
    public void RejectsAFileNamedXlsxThatIsNotAZip()
    {
        var ex = Assert.Throws<UnreadableFileException>(() => TabularFile.Open(new MemoryStream("UPN,NCYear\n"u8.ToArray()), "marks.XLSX"));

        Assert.Contains("not a zip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsALegacyXlsOrEncryptedWorkbook()
    {
        byte[] compoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        var ex = Assert.Throws<UnreadableFileException>(() => TabularFile.Open(new MemoryStream(compoundFile), "marks.xls"));

        Assert.Contains("legacy Excel (.xls)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dd/mm/yyyy", true)]
    [InlineData("[$-809]dd mmmm yyyy;@", true)]
    [InlineData("mmm-yy", true)]
    [InlineData("0.00", false)]
    [InlineData("\"day\" 0", false)]
    [InlineData("[Red]0", false)]
    [InlineData("h:mm", false)]
    public void TellsDateFormatCodesFromOthers(string code, bool isDate)
    {
        Assert.Equal(isDate, XlsxTableReader.IsDateFormat(code));
    }
}
