using System.Text;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Tabular;
using BackOnTrack.UnitTests.Core.Support;

namespace BackOnTrack.UnitTests.Core.Ingest;

/// <summary>Hostile and broken files through the ingest entry point: each ends in a report, never an exception.</summary>
public class HostileDrops
{
    private static readonly string Pupil = TestDrops.UpnFor(1);

    private static DropRead Read(byte[] content, string fileName, TabularLimits? limits = null) =>
        DropReader.Read(new MemoryStream(content), fileName, TestDrops.ForSchool() with { Limits = limits ?? TabularLimits.Default });

    public static TheoryData<string, string, string> UnreadableFiles() => new()
    {
        { "quote left open", "exclusions.csv", "a quote is probably left open" },
        { "10 MB cell", "exclusions.csv", "longer than 32,767 characters" },
        { "a million columns", "exclusions.csv", "more than 1,000 cells" },
        { "binary garbage", "exclusions.csv", "binary data" },
        { "macros", "exclusions.xlsm", "contains macros" },
        { "zip bomb", "exclusions.xlsx", "when unzipped" },
    };

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public void RejectsAHostileFileWholeWithAReasonForTheReport(string hostile, string fileName, string reason)
    {
        using var drop = Read(Hostile(hostile), fileName);

        Assert.False(drop.IsReadable);
        Assert.Contains(reason, drop.Rejection, StringComparison.Ordinal);
        Assert.Empty(drop.Outcomes);
    }

    [Fact]
    public void ThrowsTheTypedRejectionWhenALimitIsFirstBrokenBelowTheHeader()
    {
        var csv = "UPN,NCYear,Category,StartDate,Sessions,Reason1\n" + string.Concat(Enumerable.Range(1, 50).Select(d => $"{Pupil},Y9,FIXD,{d % 28 + 1:D2}/10/2025,2,PD\n"));
        using var drop = Read(Encoding.UTF8.GetBytes(csv), "exclusions.csv", TabularLimits.Default with { MaxRows = 40 });

        Assert.True(drop.IsReadable, drop.Rejection);
        var ex = Assert.Throws<UnreadableFileException>(() => drop.Outcomes.ToList());
        Assert.Equal("The file has more than 40 rows, the most the hub reads from one file; split it.", ex.Message);
    }

    [Fact]
    public void RejectsTheRowOfAFormulaSavedWithoutItsResultInAColumnTheKindReads()
    {
        var workbook = new XlsxBuilder().Sheet("Exclusions",
            ["UPN", "NCYear", "Category", "StartDate", "Sessions", "Reason1", "Notes"],
            [Pupil, "Y9", "FIXD", new DateOnly(2025, 11, 3), new XlsxBuilder.Formula("2*2", null), "PD", "x"],
            [Pupil, "Y9", "FIXD", new DateOnly(2025, 11, 4), new XlsxBuilder.Formula("1+1", "2"), "PD", new XlsxBuilder.Formula("NOW()", null)]).Build();

        using var drop = Read(workbook, "exclusions.xlsx");
        var outcomes = drop.Outcomes.ToList();

        var rejected = outcomes[0];
        Assert.False(rejected.IsAccepted);
        Assert.Equal(new RowError(2, "Sessions", DropRead.UncalculatedFormula), Assert.Single(rejected.Errors));
        Assert.True(outcomes[1].IsAccepted, "a formula without a result in a column the kind ignores does not matter");
    }

    [Fact]
    public void RejectsADfERowWithAFormulaSavedWithoutItsResult()
    {
        string[] header = ["time_period", "time_identifier", "geographic_level", "country_name", "region_name", "la_name", "education_phase", "headcount", "perm_excl", "suspension"];
        var workbook = new XlsxBuilder().Sheet("Data",
            [.. header],
            ["202223", "Academic year", "National", "England", "", "", "Total", 8_000_000, new XlsxBuilder.Formula("SUM(J3:J9)", null), 700_000]).Build();

        var file = BackOnTrack.Core.Benchmarks.BenchmarkReader.Read(new MemoryStream(workbook), "exclusions.xlsx");

        Assert.True(file.IsReadable, file.Rejection);
        Assert.Equal(1, file.RowsRejected);
        Assert.Equal(new RowError(2, "perm_excl", DropRead.UncalculatedFormula), Assert.Single(file.Rejections));
    }

    [Fact]
    public void LeavesOutAPlanRowWithAFormulaSavedWithoutItsResultAndSaysWhy()
    {
        var workbook = new XlsxBuilder().Sheet("Plan",
            [null, "Action", "Progress updates", "Target date", "Owner"],
            ["(1) Sufficiency: develop local education provision"],
            ["1.1", "Develop robust SEND Sufficiency Data", new XlsxBuilder.Formula("IF(B3=\"\",\"\",\"In progress\")", null), "October 2018", "RMBC Head of Inclusion"],
            ["1.2", "Publish the sufficiency plan", "Complete", "March 2019", "RMBC Head of Inclusion"]).Build();
        var rows = TabularFile.Open(new MemoryStream(workbook), "plan.xlsx").Rows;

        var plan = BackOnTrack.Core.Plans.ActionPlanReader.Read(rows, BackOnTrack.UnitTests.Core.Plans.PlanFiles.SeedResolver());

        Assert.Equal(["1.2"], plan.Actions.Select(a => a.ActionRef));
        var entry = Assert.Single(plan.Report, e => e.RowNumber == 3);
        Assert.Equal(BackOnTrack.Core.Plans.PlanIssue.RowSkipped, entry.Issue);
        Assert.StartsWith("Row 3 holds a formula saved without its result", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PutsAHeadingThatLooksLikeAFormulaInTheCsvReportAsText()
    {
        var csv = $"UPN,NCYear,Category,StartDate,=Sessions,Reason1\n{Pupil},Y9,FIXD,03/11/2025,lots,PD\n";
        using var drop = TestDrops.ReadCsv(csv);
        var report = new DropReport
        {
            DropId = "d",
            BlobName = "3724001/exclusions.csv",
            Scope = "3724001",
            Status = DropStatus.Processed,
            Rejections = [.. drop.Outcomes.SelectMany(o => o.Errors)],
            ProcessedAt = TestDrops.Now,
        };

        var lines = report.ToCsv().Split("\r\n");

        Assert.StartsWith("2,\"'=Sessions\",\"", lines[1], StringComparison.Ordinal);
    }

    internal static byte[] Hostile(string kind) => kind switch
    {
        "quote left open" => Encoding.UTF8.GetBytes("UPN,NCYear,Category\n\"" + string.Concat(Enumerable.Repeat($"{Pupil},Y9,FIXD\n", 5_000))),
        "10 MB cell" => Encoding.UTF8.GetBytes($"UPN,NCYear,Category\n{Pupil},Y9,{new string('F', 10_000_000)}\n"),
        "a million columns" => Encoding.UTF8.GetBytes("UPN" + string.Concat(Enumerable.Repeat(",NCYear", 1_000_000)) + "\n"),
        "binary garbage" => Garbage(),
        "macros" => HostilePackages.WithEntry(Exclusions(), "xl/vbaProject.bin", [0xCC, 0x61]),
        "zip bomb" => HostilePackages.ClaimingSize(HostilePackages.WithZeros(Exclusions(), "xl/media/image1.png", 100_000), "xl/media/image1.png", uint.MaxValue),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Garbage()
    {
        var bytes = new byte[200_000];
        new Random(9).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Exclusions() => new XlsxBuilder().Sheet("Exclusions",
        ["UPN", "NCYear", "Category", "StartDate", "Sessions", "Reason1"],
        [Pupil, "Y9", "FIXD", new DateOnly(2025, 11, 3), 2, "PD"]).Build();
}
