using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>
/// Table Benchmarks in memory, one row per year, period, level, area and phase (what <see cref="InMemoryBenchmarkRows"/>
/// writes into it), ranking the home LA among the LA rows of a partition as the table's store does.
/// </summary>
public sealed class InMemoryBenchmarks : IBenchmarks
{
    /// <summary>The rows by PartitionKey and RowKey.</summary>
    public SortedDictionary<(string PartitionKey, string RowKey), BenchmarkRecord> Rows { get; } = [];

    /// <summary>Each partition ranked, in order, with the rows that changed.</summary>
    public List<(string Partition, int Written)> Ranked { get; } = [];

    public Task<int> RankHomeAsync(string partition, string homeAuthority, CancellationToken cancellationToken)
    {
        var written = 0;
        var authorities = Rows.Values.Where(r => r.PartitionKey == partition && r.Level == BenchmarkLevel.LA).ToList();
        foreach (var phase in authorities.GroupBy(r => r.Phase))
        {
            var ranks = BenchmarkRanks.ForHome(phase.Select(r => new AuthorityRates(r.Name, r.PermExclRate, r.SuspRate)), homeAuthority);
            foreach (var home in phase.Where(r => BenchmarkNames.Same(r.Name, homeAuthority)))
            {
                if (home.PermExclRank != ranks.PermExcl || home.SuspRank != ranks.Susp)
                {
                    Rows[(home.PartitionKey, home.RowKey)] = home with { PermExclRank = ranks.PermExcl, SuspRank = ranks.Susp };
                    written++;
                }
            }
        }

        Ranked.Add((partition, written));
        return Task.FromResult(written);
    }

    public Task<(int Rows, int Ranked)> CountAsync(BenchmarkLevel level, string name, CancellationToken cancellationToken)
    {
        var rows = Rows.Values.Where(r => r.Level == level && BenchmarkNames.Same(r.Name, name)).ToList();
        return Task.FromResult((rows.Count, rows.Count(r => r.PermExclRank is not null || r.SuspRank is not null)));
    }

    public Task<IReadOnlyList<BenchmarkFigure>> ComparisonsAsync(string academicYear, string homeAuthority, string region, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BenchmarkFigure>>([.. Wanted(homeAuthority, region)
            .Where(r => r.Year.ToString() == academicYear)
            .Select(r => new BenchmarkFigure(r.Period.ToCode(), r.Level.ToString(), r.Name, r.Phase.ToString(), Measures(r)))
            .OrderBy(f => f.Period, StringComparer.Ordinal).ThenBy(f => f.Level, StringComparer.Ordinal).ThenBy(f => f.Phase, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<BenchmarkRecord>> ReadEveryYearAsync(string homeAuthority, string region, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BenchmarkRecord>>([.. Wanted(homeAuthority, region)]);

    private IEnumerable<BenchmarkRecord> Wanted(string homeAuthority, string region) =>
        Rows.Values.Where(r => r.Level == BenchmarkLevel.National
                               || (r.Level == BenchmarkLevel.Region && BenchmarkNames.Same(r.Name, region))
                               || (r.Level == BenchmarkLevel.LA && BenchmarkNames.Same(r.Name, homeAuthority)));

    /// <summary>The measures a row holds, by the table's property names.</summary>
    private static Dictionary<string, double> Measures(BenchmarkRecord row)
    {
        var measures = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string name, double? value)
        {
            if (value is { } v)
            {
                measures[name] = v;
            }
        }

        Add(nameof(BenchmarkCount.PermExcl), row.PermExcl);
        Add(nameof(BenchmarkCount.Susp), row.Susp);
        Add(nameof(BenchmarkRate.PermExclRate), row.PermExclRate);
        Add(nameof(BenchmarkRate.SuspRate), row.SuspRate);
        Add(nameof(BenchmarkRate.OverallAbsenceRate), row.OverallAbsenceRate);
        Add(nameof(BenchmarkRate.PersistentAbsenceRate), row.PersistentAbsenceRate);
        Add(nameof(BenchmarkRate.SevereAbsenceRate), row.SevereAbsenceRate);
        Add("PermExclRank", row.PermExclRank?.Rank);
        Add("PermExclRankOf", row.PermExclRank?.Of);
        Add("SuspRank", row.SuspRank?.Rank);
        Add("SuspRankOf", row.SuspRank?.Of);
        return measures;
    }
}
