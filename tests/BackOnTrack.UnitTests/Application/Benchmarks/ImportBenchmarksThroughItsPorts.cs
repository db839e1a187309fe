using System.Text;
using BackOnTrack.Application.Benchmarks;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Drops;
using BackOnTrack.Tests.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BackOnTrack.UnitTests.Application.Benchmarks;

/// <summary>A DfE statistics file's import: the rows it writes to table Benchmarks and the home LA's ranks it sets there.</summary>
public sealed class ImportBenchmarksThroughItsPorts
{
    private const string Header = "time_period,time_identifier,geographic_level,country_name,region_name,la_name,education_phase,headcount,perm_excl,perm_excl_rate,suspension,susp_rate,one_plus_susp,one_plus_susp_rate";

    private static readonly DateTimeOffset Now = new(2025, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Exclusions2022 =
    [
        "202223,Academic year,National,England,,,Total,8342128,9376,0.11,786961,9.43,355000,4.26",
        "202223,Academic year,Regional,England,Yorkshire and The Humber,,Total,850000,1100,0.13,95000,11.18,36000,4.24",
        "202223,Academic year,Local authority,England,Yorkshire and The Humber,Rotherham,Total,41000,60,0.15,4300,10.49,1500,3.66",
        "202223,Academic year,Local authority,England,Yorkshire and The Humber,Barnsley,Total,31000,31,0.1,2800,9.03,1000,3.23",
        "202223,Academic year,Local authority,England,Yorkshire and The Humber,Doncaster,Total,45000,90,0.2,4300,9.56,1700,3.78",
        "202223,Autumn term,Local authority,England,Yorkshire and The Humber,Rotherham,Total,41000,25,0.06,1700,4.15,800,1.95",
        "202223,Autumn term,Local authority,England,Yorkshire and The Humber,Barnsley,Total,31000,10,0.03,1000,3.23,500,1.61",
    ];

    private readonly InMemoryBenchmarks _benchmarks = new();
    private readonly InMemoryBenchmarkRows _rows;

    public ImportBenchmarksThroughItsPorts() => _rows = new InMemoryBenchmarkRows(_benchmarks);

    private ImportBenchmarksUseCase Import() => new(
        _rows, _benchmarks, Options.Create(new HubOptions()), Options.Create(new IngestOptions()), NullLogger<ImportBenchmarksUseCase>.Instance);

    private static MemoryStream Csv(params string[] rows) => new(Encoding.UTF8.GetBytes(Header + "\n" + string.Join('\n', rows) + "\n"));

    private static async Task<StoredRows> StoreAsync(ImportBenchmarksUseCase import, string dropId, params string[] rows)
    {
        using var content = Csv(rows);
        return await import.StoreRowsAsync(content, import.Place("exclusions.csv"), dropId, Now, CancellationToken.None);
    }

    private BenchmarkRecord Home(string partition) => _benchmarks.Rows[(partition, BenchmarkKeys.Row(BenchmarkLevel.LA, "Rotherham", BenchmarkPhase.All))];

    [Fact]
    public async Task AFilesRowsAreWrittenMarkedWithTheDropAndTheHomeLaIsRankedInEveryYearAndPeriodTheyTouched()
    {
        var import = Import();

        var stored = await StoreAsync(import, "d1", Exclusions2022);
        await import.AfterStoredAsync(stored, null, CancellationToken.None);

        Assert.Null(stored.Rejection);
        Assert.Equal(["Benchmarks|2022-23_AUT", "Benchmarks|2022-23_YEAR"], stored.Partitions);
        Assert.Equal(7, _benchmarks.Rows.Count);
        Assert.All(_rows.SourceDropIds.Values, d => Assert.Equal("d1", d));
        Assert.Equal(["2022-23_AUT", "2022-23_YEAR"], _benchmarks.Ranked.Select(r => r.Partition).Order(StringComparer.Ordinal));
        Assert.Equal((new BenchmarkRank(2, 3), new BenchmarkRank(3, 3)), (Home("2022-23_YEAR").PermExclRank, Home("2022-23_YEAR").SuspRank));
        Assert.Equal((new BenchmarkRank(2, 2), new BenchmarkRank(2, 2)), (Home("2022-23_AUT").PermExclRank, Home("2022-23_AUT").SuspRank));
    }

    [Fact]
    public async Task RankingAgainWhatIsAlreadyRankedWritesNoRow()
    {
        var import = Import();
        var stored = await StoreAsync(import, "d1", Exclusions2022);
        await import.AfterStoredAsync(stored, null, CancellationToken.None);
        _benchmarks.Ranked.Clear();

        await import.AfterStoredAsync(stored, null, CancellationToken.None);

        Assert.Equal([0, 0], _benchmarks.Ranked.Select(r => r.Written));
    }

    [Fact]
    public async Task TheVersionAFileReplacedHasItsBenchmarksPartitionsRankedAgainAndNoOtherTablesPartition()
    {
        var import = Import();
        var replaced = new DataDrop
        {
            Scope = ImportBenchmarksUseCase.Scope,
            DropId = "d0",
            BlobName = "exclusions.csv",
            Status = DropStatus.Processed,
            ReceivedAt = Now.AddDays(-30),
            Partitions = ["Benchmarks|2021-22_YEAR", "Benchmarks|2022-23_YEAR", "Exclusions|3724001_2022-23"],
        };

        var stored = await StoreAsync(import, "d1", Exclusions2022[2], Exclusions2022[5]);
        await import.AfterStoredAsync(stored, replaced, CancellationToken.None);

        Assert.Equal(["2021-22_YEAR", "2022-23_AUT", "2022-23_YEAR"], _benchmarks.Ranked.Select(r => r.Partition).Order(StringComparer.Ordinal));
        // Alone in its partitions, the home LA is first of one.
        Assert.Equal(new BenchmarkRank(1, 1), Home("2022-23_YEAR").PermExclRank);
    }

    [Fact]
    public async Task AFileMostlyOfRejectedRowsWritesNoRow()
    {
        var stored = await StoreAsync(Import(), "d1", "202223,Academic year,Local authority,England,Yorkshire and The Humber,Rotherham,Total,not-a-number,x,x,x,x,x,x", "garbage");

        Assert.NotNull(stored.Rejection);
        Assert.Empty(stored.Partitions);
        Assert.Empty(_benchmarks.Rows);
    }
}
