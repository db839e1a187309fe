using System.Diagnostics;
using System.Text;
using BackOnTrack.Core.Tabular;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Tabular;

/// <summary>
/// Files made to hurt a parser, each generated here: every one ends in a typed, reported rejection (or is read
/// correctly), fast, and without the reader allocating anything like the file's size.
/// </summary>
public class HostileFiles
{
    private static readonly TabularLimits Small = TabularLimits.Default with { MaxXlsxUncompressedBytes = 16L * 1024 * 1024 };

    private static List<TabularRow> Read(byte[] bytes, string name = "upload.csv", TabularLimits? limits = null, bool seekable = true)
    {
        Stream stream = seekable ? new MemoryStream(bytes) : new CsvReading.ForwardOnlyStream(bytes);
        return TabularFile.Open(stream, name, limits ?? TabularLimits.Default).Rows.ToList();
    }

    // The reader's own allocations and time while it refuses the file (the input was built beforehand).
    private static UnreadableFileException Refused(byte[] bytes, string name = "upload.csv", TabularLimits? limits = null, long maxAllocated = 4_000_000)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<UnreadableFileException>(() => Read(bytes, name, limits));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < maxAllocated, $"the reader allocated {allocated:N0} bytes to refuse a {bytes.Length:N0}-byte file");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refusing took {clock.Elapsed}");
        return ex;
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    [Fact]
    public void RefusesAQuoteLeftOpenWithoutReadingTheRestOfTheFileIntoOneCell()
    {
        var rows = string.Concat(Enumerable.Range(0, 400_000).Select(i => $"B80120000{i % 1000:D4},7\n"));
        var file = Utf8("UPN,NCYear\n\"B801200005001,7\n" + rows);

        var ex = Refused(file);

        Assert.Equal("A quoted cell that starts on line 2 runs past 32,767 characters: a quote is probably left open.", ex.Message);
    }

    [Fact]
    public void RefusesATenMegabyteCell()
    {
        var file = Utf8("UPN,Note\nB801200005001," + new string('x', 10_000_000) + "\n");

        var ex = Refused(file);

        Assert.Equal("A cell on line 2 is longer than 32,767 characters, the most the hub reads.", ex.Message);
    }

    [Fact]
    public void RefusesAMillionColumns()
    {
        var file = Utf8("UPN" + string.Concat(Enumerable.Repeat(",c", 1_000_000)) + "\n");

        var ex = Refused(file);

        Assert.Equal("The row on line 1 has more than 1,000 cells, the most the hub reads.", ex.Message);
    }

    [Fact]
    public void DropsEmptyCellsPastTheColumnLimitAsExcelWritesThemForAFormattedRow()
    {
        var file = Utf8("UPN,NCYear" + new string(',', 16_382) + "\nB801200005001,7" + new string(',', 16_382) + "\n");

        var rows = Read(file);

        Assert.Equal(1_000, rows[0].Count);
        Assert.Equal("7", rows[1][1]);
    }

    [Fact]
    public void RefusesBinaryGarbageNamedCsvEvenWithoutNulBytes()
    {
        var garbage = new byte[1_000_000];
        new Random(20251110).NextBytes(garbage);
        garbage.AsSpan().Replace((byte)0, (byte)1);

        var ex = Refused(garbage, "attendance.csv");

        Assert.Equal("The file holds binary data, not text: it is not a CSV file.", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsUtf16WithoutAByteOrderMark(bool bigEndian)
    {
        var encoding = bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode;
        var file = encoding.GetBytes("UPN,Name\nB801200005001,Zoë Ōkubo\n");

        var rows = Read(file, seekable: false);

        Assert.Equal(["UPN", "Name"], rows[0].Cells);
        Assert.Equal("Zoë Ōkubo", rows[1][1]);
    }

    [Fact]
    public void ReadsLatin1SavedWithoutSayingSo()
    {
        var rows = Read(Encoding.Latin1.GetBytes("School,Head\nSt Chloé's,Mr Muñoz\n"));

        Assert.Equal("St Chloé's", rows[1][0]);
        Assert.Equal("Mr Muñoz", rows[1][1]);
    }

    [Fact]
    public void ReadsOnPastAnInvalidUtf8SequenceAfterTheBlockThatSettledTheEncoding()
    {
        var ascii = string.Concat(Enumerable.Repeat("B801200005001,/\n", 5_000));
        byte[] file = [.. Utf8("Name,Mark\nZoë,/\n" + ascii), .. "Bad"u8, 0xC3, 0x28, .. Utf8(",\\\nLast,L\n")];

        var rows = Read(file, seekable: false);

        Assert.Equal("Zoë", rows[1][0]);
        Assert.Equal("Bad\uFFFD(", rows[^2][0]);
        Assert.Equal("Last", rows[^1][0]);
    }

    [Fact]
    public void ReadsAFileWhoseFirstBlockIsNotValidUtf8AsWindows1252()
    {
        byte[] file = [.. Utf8("Name,Mark\nZoë,/\n"), .. "Bad"u8, 0xC3, 0x28, .. Utf8(",\\\n")];

        var rows = Read(file);

        Assert.Equal("ZoÃ«", rows[1][0]);
        Assert.Equal("BadÃ(", rows[2][0]);
    }

    [Fact]
    public void RefusesMoreRowsThanTheLimit()
    {
        var limits = TabularLimits.Default with { MaxRows = 3 };

        Assert.Equal(3, Read(Utf8("a\nb\nc\n"), limits: limits).Count);
        var ex = Assert.Throws<UnreadableFileException>(() => Read(Utf8("a\nb\n\nd\n"), limits: limits));
        Assert.Equal("The file has more than 3 rows, the most the hub reads from one file; split it.", ex.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RefusesAFileOverTheSizeLimitWhetherOrNotItsLengthIsKnown(bool seekable)
    {
        var limits = TabularLimits.Default with { MaxFileBytes = 100_000 };
        var file = Utf8(string.Concat(Enumerable.Repeat("UPN,NCYear\n", 10_000)));

        var ex = Assert.Throws<UnreadableFileException>(() => Read(file, limits: limits, seekable: seekable));

        Assert.Equal("The file is larger than 0.1 MB, the most the hub reads from one upload; split it.", ex.Message);
    }

    [Fact]
    public void RefusesAZipBombByTheSizesItsDirectoryDeclares()
    {
        var bomb = HostilePackages.ClaimingSize(
            HostilePackages.WithZeros(Workbook(), "xl/media/padding.bin", 1_000_000), "xl/media/padding.bin", 0xF000_0000);

        var ex = Refused(bomb, "marks.xlsx");

        Assert.Equal("The workbook expands to more than 1024 MB when unzipped, the most the hub opens.", ex.Message);
    }

    [Fact]
    public void NeverInflatesAPartPastTheSizeItsDirectoryDeclares()
    {
        // What XlsxPackageGuard relies on when a header understates a part's size: .NET stops inflating there.
        var bomb = HostilePackages.ClaimingSize(HostilePackages.WithZeros(Workbook(), "xl/media/padding.bin", 16L * 1024 * 1024), "xl/media/padding.bin", 1_000);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bomb));
        using var part = zip.GetEntry("xl/media/padding.bin")!.Open();

        var inflated = 0L;
        var buffer = new byte[81920];
        int read;
        while ((read = part.Read(buffer)) > 0)
        {
            inflated += read;
        }

        Assert.Equal(1_000, inflated);
    }

    [Fact]
    public void RefusesAWorkbookWhoseSheetIsABombUnderstatingItsSize()
    {
        var sheet = Workbook();
        var sheetName = SheetPartName(sheet);
        var bomb = HostilePackages.ClaimingSize(HostilePackages.WithZeros(sheet, sheetName, 64L * 1024 * 1024), sheetName, 1_000);

        var ex = Refused(bomb, "marks.xlsx", Small);

        Assert.Equal("The file is not a readable XLSX workbook (it is corrupt, or not an Excel file).", ex.Message);
    }

    [Fact]
    public void RefusesAWorkbookThatInflatesPastTheLimit()
    {
        var bomb = HostilePackages.WithZeros(Workbook(), "xl/media/padding.bin", 32L * 1024 * 1024);

        var ex = Refused(bomb, "marks.xlsx", Small);

        Assert.Equal("The workbook expands to more than 16 MB when unzipped, the most the hub opens.", ex.Message);
    }

    [Fact]
    public void RefusesAWorkbookOfTooManyParts()
    {
        var ex = Refused(HostilePackages.WithEntries(Workbook(), 2_000), "marks.xlsx");

        Assert.Equal("The workbook has more than 1,000 parts, the most the hub opens: it is not an ordinary spreadsheet.", ex.Message);
    }

    [Fact]
    public void RefusesAWorkbookOfTooManyPartsWhoseEndRecordUnderstatesThem()
    {
        var ex = Refused(HostilePackages.ClaimingEntryCount(HostilePackages.WithEntries(Workbook(), 2_000), 9), "marks.xlsx");

        Assert.Equal("The workbook has more than 1,000 parts, the most the hub opens: it is not an ordinary spreadsheet.", ex.Message);
    }

    [Fact]
    public void RefusesAWorkbookWithAVbaProject()
    {
        var macros = HostilePackages.WithEntry(Workbook(), "xl/vbaProject.bin", [0xCC, 0x61, 0xFF, 0xFF]);

        var ex = Refused(macros, "marks.xlsm");

        Assert.StartsWith("The workbook contains macros", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAWorkbookWhoseContentTypeIsMacroEnabled()
    {
        var macroEnabled = HostilePackages.WithTextReplaced(
            Workbook(), "[Content_Types].xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");

        var ex = Refused(macroEnabled, "marks.xlsx");

        Assert.StartsWith("The workbook contains macros", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAWorkbookWhoseWorkbookPartIsEmpty()
    {
        // Found by ParserFuzzing (seed 12345): the SDK then has no Workbook at all.
        var empty = HostilePackages.WithZeros(Workbook(), "xl/workbook.xml", 0);

        var ex = Refused(empty, "marks.xlsx");

        Assert.Equal("The file is not a readable XLSX workbook (it is corrupt, or not an Excel file).", ex.Message);
    }

    [Fact]
    public void ReadsTheSavedValuesOfAWorkbookWithExternalLinksAndNeverFollowsThem()
    {
        var linked = new XlsxBuilder { ExternalLinkTo = new Uri("file://fileserver/finance/pupils.xlsx") }
            .Sheet("S", ["UPN", "Sessions"], ["B801200005001", new XlsxBuilder.Formula("[1]Sheet1!B2", "4")])
            .Build();

        var rows = Read(linked, "linked.xlsx");

        Assert.Equal(["B801200005001", "4"], rows[1].Cells);
        Assert.Empty(rows[1].UncalculatedColumns);
    }

    [Fact]
    public void ReadsAFormulasSavedResultNotTheFormula()
    {
        var workbook = new XlsxBuilder().Sheet("S", ["Days", "Sessions"], ["2", new XlsxBuilder.Formula("A2*2", "4")]).Build();

        Assert.Equal(["2", "4"], Read(workbook, "f.xlsx")[1].Cells);
    }

    [Fact]
    public void MarksAFormulaSavedWithoutAResultAsUncalculatedNotBlank()
    {
        var workbook = new XlsxBuilder().Sheet("S", ["Days", "Sessions"], ["2", new XlsxBuilder.Formula("=cmd|' /C calc'!A0", null)]).Build();

        var row = Read(workbook, "f.xlsx")[1];

        Assert.Equal(["2", ""], row.Cells);
        Assert.Equal([1], row.UncalculatedColumns);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RefusesATenMegabyteCellInAWorkbook(bool inline)
    {
        var workbook = new XlsxBuilder { InlineStrings = inline }.Sheet("S", ["UPN", "Note"], ["B801200005001", new string('x', 10_000_000)]).Build();

        var ex = Refused(workbook, "big.xlsx", maxAllocated: 8_000_000);

        Assert.Equal("A cell of the workbook is longer than 32,767 characters, the most the hub reads (Excel's own limit is 32,767).", ex.Message);
    }

    [Fact]
    public void RefusesAWorksheetRowWiderThanTheLimit()
    {
        var workbook = new XlsxBuilder().Sheet("S", ["a", "b", "c", "d"]).Build();

        var ex = Assert.Throws<UnreadableFileException>(() => Read(workbook, "wide.xlsx", TabularLimits.Default with { MaxColumns = 3 }));

        Assert.Equal("Row 1 of the worksheet has more than 3 cells, the most the hub reads.", ex.Message);
    }

    [Fact]
    public void DropsEmptyWorksheetCellsPastTheColumnLimit()
    {
        var workbook = new XlsxBuilder().Sheet("S", ["a", "b", "c", "", ""]).Build();

        var rows = Read(workbook, "formatted.xlsx", TabularLimits.Default with { MaxColumns = 3 });

        Assert.Equal(["a", "b", "c"], rows[0].Cells);
    }

    [Fact]
    public void RefusesAWorksheetLongerThanTheLimit()
    {
        var workbook = new XlsxBuilder().Sheet("S", ["a"], ["b"], ["c"]).Build();

        var ex = Assert.Throws<UnreadableFileException>(() => Read(workbook, "long.xlsx", TabularLimits.Default with { MaxRows = 2 }));

        Assert.Equal("The worksheet has more than 2 rows, the most the hub reads from one file; split it.", ex.Message);
    }

    private static string SheetPartName(byte[] package)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(package));
        return zip.Entries.Single(e => e.FullName.Contains("worksheets/", StringComparison.Ordinal) && !e.FullName.Contains("_rels", StringComparison.Ordinal)).FullName;
    }

    private static byte[] Workbook() => new XlsxBuilder().Sheet("Marks", ["UPN", "Mark"], ["B801200005001", "/"]).Build();
}
