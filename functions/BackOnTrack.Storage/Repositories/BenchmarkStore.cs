using Azure;
using Azure.Data.Tables;
using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>Table Benchmarks beyond plain writes: the home LA's ranks, and what is stored for an area.</summary>
public sealed class BenchmarkStore : IBenchmarks
{
    // Another import may rewrite a row between this read and write; a few fresh reads settle it.
    private const int MaxAttempts = 5;

    private readonly TableClient _table;

    /// <param name="table">The Benchmarks table's client.</param>
    public BenchmarkStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's Benchmarks table (how the hub's container builds it).</summary>
    public BenchmarkStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.Benchmarks))
    {
    }

    /// <summary>
    /// Recomputes the home LA's ranks in one partition (a year and period), phase by phase, among the LA rows there,
    /// and writes them on the home LA's rows (removing ranks it no longer has). Rows whose ranks are unchanged are not
    /// written. Returns how many rows were written.
    /// </summary>
    public async Task<int> RankHomeAsync(string partition, string homeAuthority, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RankOnceAsync(partition, homeAuthority, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412 && attempt < MaxAttempts)
            {
                // A home row changed or went between the read and the write: rank again from fresh rows.
            }
        }
    }

    /// <summary>Rows stored for an area (any spelling) at one level, across years, and how many of them carry a rank.</summary>
    public async Task<(int Rows, int Ranked)> CountAsync(BenchmarkLevel level, string name, CancellationToken cancellationToken)
    {
        var prefix = BenchmarkKeys.LevelPrefix(level);
        int rows = 0, ranked = 0;
        // The property names are part of the format, not arguments: arguments become quoted literals.
        var filter = TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix + '\uffff'}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", BenchmarkEntities.Name, BenchmarkEntities.PermExclRank, BenchmarkEntities.SuspRank], cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            if (BenchmarkNames.Same(row.GetString(BenchmarkEntities.Name), name))
            {
                rows++;
                // A selected property the row lacks may come back as null: a rank is there only with a value.
                ranked += row.ReadInt32(BenchmarkEntities.PermExclRank) is not null || row.ReadInt32(BenchmarkEntities.SuspRank) is not null ? 1 : 0;
            }
        }

        return (rows, ranked);
    }

    /// <summary>
    /// The benchmarks to set beside the LA's figures for a year: England's rows, the region's and the home LA's (names
    /// matched ignoring case and punctuation), every period and phase, each with its measures and (home LA) ranks.
    /// </summary>
    public async Task<IReadOnlyList<BenchmarkFigure>> ComparisonsAsync(string academicYear, string homeAuthority, string region, CancellationToken cancellationToken)
    {
        var figures = new List<BenchmarkFigure>();
        var prefix = academicYear + "_";
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + '\uffff'}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            var level = row.GetString("Level");
            var name = row.GetString(BenchmarkEntities.Name);
            var wanted = level == nameof(BenchmarkLevel.National)
                         || (level == nameof(BenchmarkLevel.Region) && BenchmarkNames.Same(name, region))
                         || (level == nameof(BenchmarkLevel.LA) && BenchmarkNames.Same(name, homeAuthority));
            if (!wanted)
            {
                continue;
            }

            var measures = row.Where(p => p.Value is double or int).ToDictionary(p => p.Key, p => Convert.ToDouble(p.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
            figures.Add(new BenchmarkFigure(row.GetString("Period") ?? "", level!, name ?? "", row.GetString(BenchmarkEntities.Phase) ?? "", measures));
        }

        return [.. figures.OrderBy(f => f.Period, StringComparer.Ordinal).ThenBy(f => f.Level, StringComparer.Ordinal).ThenBy(f => f.Phase, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every year's rows for England, the region and the home LA (names matched ignoring case and punctuation), every
    /// period and phase: what the board pack sets its trend beside. Other LAs' rows are left in the table; their only use
    /// is the home LA's rank, which is already on its rows.
    /// </summary>
    public async Task<IReadOnlyList<BenchmarkRecord>> ReadEveryYearAsync(string homeAuthority, string region, CancellationToken cancellationToken)
    {
        var records = new List<BenchmarkRecord>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter: (string?)null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var name = row.GetString(BenchmarkEntities.Name) ?? "";
            if (!Enum.TryParse<BenchmarkLevel>(row.GetString("Level"), out var level)
                || !Enum.TryParse<BenchmarkPhase>(row.GetString(BenchmarkEntities.Phase), out var phase)
                || !AcademicYear.TryParse(row.GetString("AcademicYear"), out var year)
                || PeriodOf(row.GetString("Period")) is not { } period)
            {
                continue;
            }

            var wanted = level == BenchmarkLevel.National
                         || (level == BenchmarkLevel.Region && BenchmarkNames.Same(name, region))
                         || (level == BenchmarkLevel.LA && BenchmarkNames.Same(name, homeAuthority));
            if (wanted)
            {
                records.Add(new BenchmarkRecord(year, period, level, name, phase)
                {
                    PermExcl = row.ReadDouble(nameof(BenchmarkCount.PermExcl)),
                    Susp = row.ReadDouble(nameof(BenchmarkCount.Susp)),
                    PermExclRate = row.ReadDouble(nameof(BenchmarkRate.PermExclRate)),
                    SuspRate = row.ReadDouble(nameof(BenchmarkRate.SuspRate)),
                    OverallAbsenceRate = row.ReadDouble(nameof(BenchmarkRate.OverallAbsenceRate)),
                    PersistentAbsenceRate = row.ReadDouble(nameof(BenchmarkRate.PersistentAbsenceRate)),
                    SevereAbsenceRate = row.ReadDouble(nameof(BenchmarkRate.SevereAbsenceRate)),
                    PermExclRank = RankOf(row, BenchmarkEntities.PermExclRank, BenchmarkEntities.PermExclRankOf),
                    SuspRank = RankOf(row, BenchmarkEntities.SuspRank, BenchmarkEntities.SuspRankOf),
                });
            }
        }

        return records;
    }

    private static BenchmarkPeriod? PeriodOf(string? code) =>
        Enum.GetValues<BenchmarkPeriod>().Where(p => p.ToCode() == code).Select(p => (BenchmarkPeriod?)p).FirstOrDefault();

    private static BenchmarkRank? RankOf(TableEntity row, string rank, string of) =>
        row.ReadInt32(rank) is { } r && row.ReadInt32(of) is { } n ? new BenchmarkRank(r, n) : null;

    private async Task<int> RankOnceAsync(string partition, string homeAuthority, CancellationToken cancellationToken)
    {
        var authorities = new List<TableEntity>();
        var filter = TableQueries.PartitionAndRowKeyPrefix(partition, BenchmarkKeys.LevelPrefix(BenchmarkLevel.LA));
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            authorities.Add(row);
        }

        var written = 0;
        foreach (var phase in authorities.GroupBy(r => r.GetString(BenchmarkEntities.Phase)))
        {
            // Latest first: where DfE spelt an LA two ways in two files, its most recently written row counts.
            var rows = phase.OrderByDescending(r => r.Timestamp).ToList();
            var ranks = BenchmarkRanks.ForHome(
                rows.Select(r => new AuthorityRates(r.GetString(BenchmarkEntities.Name) ?? "", r.ReadDouble(nameof(BenchmarkRate.PermExclRate)), r.ReadDouble(nameof(BenchmarkRate.SuspRate)))),
                homeAuthority);
            foreach (var home in rows.Where(r => BenchmarkNames.Same(r.GetString(BenchmarkEntities.Name), homeAuthority)))
            {
                if (Apply(home, ranks))
                {
                    // A rank set to null is one the row no longer has: left out, so the replace removes it.
                    await _table.UpdateEntityAsync(home.WithoutNulls(), home.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    written++;
                }
            }
        }

        return written;
    }

    /// <summary>Sets the rank properties; true when anything changed.</summary>
    private static bool Apply(TableEntity row, HomeRanks ranks)
    {
        var changed = false;
        void Set(string property, int? value)
        {
            if (row.ReadInt32(property) != value)
            {
                row[property] = value;
                changed = true;
            }
        }

        Set(BenchmarkEntities.PermExclRank, ranks.PermExcl?.Rank);
        Set(BenchmarkEntities.PermExclRankOf, ranks.PermExcl?.Of);
        Set(BenchmarkEntities.SuspRank, ranks.Susp?.Rank);
        Set(BenchmarkEntities.SuspRankOf, ranks.Susp?.Of);
        return changed;
    }
}
