using System.Text;
using BackOnTrack.Core.Benchmarks;

namespace BackOnTrack.UnitTests.Core.Benchmarks;

/// <summary>Reads DfE statistics for the benchmark tests: fixture files and inline CSV.</summary>
internal static class BenchmarkFiles
{
    public static BenchmarkFile Fixture(string name)
    {
        using var content = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Benchmarks", name));
        var file = BenchmarkReader.Read(content, name);
        Assert.True(file.IsReadable, file.Rejection);
        return file;
    }

    public static BenchmarkFile Csv(string csv, string fileName = "statistics.csv") =>
        BenchmarkReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), fileName);

    public static BenchmarkRow Row(this BenchmarkFile file, string partitionKey, string rowKey) =>
        Assert.Single(file.Rows, r => r.PartitionKey == partitionKey && r.RowKey == rowKey);

    /// <summary>A current-scheme exclusions header with one data row per line of <paramref name="rows"/>.</summary>
    public static BenchmarkFile CurrentExclusions(params string[] rows) =>
        Csv("time_period,time_identifier,geographic_level,country_name,region_name,la_name,education_phase,headcount,perm_excl,perm_excl_rate,suspension,susp_rate,one_plus_susp,one_plus_susp_rate\n"
            + string.Join('\n', rows) + "\n");
}
