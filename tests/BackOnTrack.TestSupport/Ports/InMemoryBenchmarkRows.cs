using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>
/// The import's writes to table Benchmarks, into <paramref name="table"/>: each row replaced whole (so a rank it had
/// is gone until the home LA is ranked again), and the drop that last wrote it kept.
/// </summary>
public sealed class InMemoryBenchmarkRows(InMemoryBenchmarks table) : IBenchmarkRows
{
    /// <summary>The drop that last wrote each row, by PartitionKey and RowKey.</summary>
    public Dictionary<(string PartitionKey, string RowKey), string> SourceDropIds { get; } = [];

    public Task<IReadOnlyList<string>> WriteAsync(IEnumerable<BenchmarkRow> rows, string dropId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var partitions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            table.Rows[(row.PartitionKey, row.RowKey)] = new BenchmarkRecord(row.AcademicYear, row.Period, row.Level, row.Name, row.Phase)
            {
                PermExcl = (double?)row.Count(BenchmarkCount.PermExcl),
                Susp = (double?)row.Count(BenchmarkCount.Susp),
                PermExclRate = RateOf(row, BenchmarkRate.PermExclRate),
                SuspRate = RateOf(row, BenchmarkRate.SuspRate),
                OverallAbsenceRate = RateOf(row, BenchmarkRate.OverallAbsenceRate),
                PersistentAbsenceRate = RateOf(row, BenchmarkRate.PersistentAbsenceRate),
                SevereAbsenceRate = RateOf(row, BenchmarkRate.SevereAbsenceRate),
            };
            SourceDropIds[(row.PartitionKey, row.RowKey)] = dropId;
            partitions.Add("Benchmarks|" + row.PartitionKey);
        }

        return Task.FromResult<IReadOnlyList<string>>([.. partitions]);
    }

    private static double? RateOf(BenchmarkRow row, BenchmarkRate rate) => row.Publishes(rate) ? row.Rate(rate) : null;
}
