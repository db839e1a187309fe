using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Benchmarks;

/// <summary>The Benchmarks table's keys (docs/architecture.md §Storage, Contract).</summary>
public static class BenchmarkKeys
{
    /// <summary><c>{yyyy-yy}_{period}</c>, e.g. <c>2016-17_YEAR</c>, <c>2023-24_AUTSPR</c>.</summary>
    public static string Partition(AcademicYear year, BenchmarkPeriod period) => $"{year}_{period.ToCode()}";

    /// <summary>
    /// <c>{level}_{name}_{phase}</c>, e.g. <c>LA_Rotherham_All</c>, <c>Region_Yorkshire and the Humber_Secondary</c>:
    /// the name as DfE spells it (spaces kept) through the key encoder, since names may hold <c>/</c> and the like.
    /// </summary>
    public static string Row(BenchmarkLevel level, string name, BenchmarkPhase phase) => $"{LevelPrefix(level)}{TableKey.Encode(name)}_{phase}";

    /// <summary>The RowKey prefix shared by one level's rows, e.g. <c>LA_</c>.</summary>
    public static string LevelPrefix(BenchmarkLevel level) => $"{level}_";
}
