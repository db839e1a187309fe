using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.BoardPack;

namespace BackOnTrack.Core.Ports;

/// <summary>
/// Table Benchmarks: DfE's published figures for England, each region and each LA, one row per year, period, area and
/// phase, with the home LA's ranks among the LAs on its own rows.
/// </summary>
public interface IBenchmarks
{
    /// <summary>
    /// Recomputes the home LA's ranks in one partition (a year and period), phase by phase, among the LA rows there,
    /// and writes those that changed on the home LA's rows. Returns how many rows were written.
    /// </summary>
    Task<int> RankHomeAsync(string partition, string homeAuthority, CancellationToken cancellationToken);

    /// <summary>Rows stored for an area (any spelling) at one level, across years, and how many of them carry a rank.</summary>
    Task<(int Rows, int Ranked)> CountAsync(BenchmarkLevel level, string name, CancellationToken cancellationToken);

    /// <summary>
    /// The benchmarks to set beside the LA's figures for a year: England's rows, the region's and the home LA's (names
    /// matched ignoring case and punctuation), every period and phase, each with its measures and (home LA) ranks.
    /// </summary>
    Task<IReadOnlyList<BenchmarkFigure>> ComparisonsAsync(string academicYear, string homeAuthority, string region, CancellationToken cancellationToken);

    /// <summary>Every year's rows for England, the region and the home LA, every period and phase: what the board pack sets its trend beside.</summary>
    Task<IReadOnlyList<BenchmarkRecord>> ReadEveryYearAsync(string homeAuthority, string region, CancellationToken cancellationToken);
}
