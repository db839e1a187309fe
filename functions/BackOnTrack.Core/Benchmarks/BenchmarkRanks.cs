namespace BackOnTrack.Core.Benchmarks;

/// <summary>A position among LAs: 1 is the lowest rate; <see cref="Of"/> is how many LAs had a published figure.</summary>
public readonly record struct BenchmarkRank(int Rank, int Of);

/// <summary>One LA's unrounded rates in one year, period and phase; null where DfE published no figure.</summary>
public sealed record AuthorityRates(string Name, double? PermExclRate, double? SuspRate);

/// <summary>The home LA's ranks; null where it has no published figure (or is not in the rows).</summary>
public sealed record HomeRanks(BenchmarkRank? PermExcl, BenchmarkRank? Susp);

/// <summary>Ranks the home LA among LAs (docs/architecture.md §Storage): by unrounded rate, 1 = lowest, ties share the best rank.</summary>
public static class BenchmarkRanks
{
    /// <summary>
    /// The home LA's ranks among <paramref name="authorities"/> (the LA rows of one year, period and phase). Only LAs
    /// with a published figure are ranked. Names match ignoring case and punctuation; an LA that appears twice (DfE
    /// respelt it between files) counts once, by its first row, so pass the most recently written first.
    /// </summary>
    public static HomeRanks ForHome(IEnumerable<AuthorityRates> authorities, string homeAuthority)
    {
        var distinct = authorities.DistinctBy(a => BenchmarkNames.Comparable(a.Name)).ToList();
        var home = distinct.Find(a => BenchmarkNames.Same(a.Name, homeAuthority));
        return home is null
            ? new HomeRanks(null, null)
            : new HomeRanks(RankOf(home.PermExclRate, distinct.Select(a => a.PermExclRate)), RankOf(home.SuspRate, distinct.Select(a => a.SuspRate)));
    }

    /// <summary>The rank of <paramref name="rate"/> among <paramref name="rates"/> (which include it); null when it is null.</summary>
    public static BenchmarkRank? RankOf(double? rate, IEnumerable<double?> rates)
    {
        if (rate is not { } own)
        {
            return null;
        }

        var published = rates.OfType<double>().ToList();
        return new BenchmarkRank(1 + published.Count(r => r < own), published.Count);
    }
}
