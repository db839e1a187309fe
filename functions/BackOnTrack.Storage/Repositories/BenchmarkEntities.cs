using BackOnTrack.Core.Benchmarks;
using Azure.Data.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// How DfE figures are stored in table Benchmarks (docs/architecture.md §Storage): one row per year, period, area and phase. Counts are
/// Edm.Double because DfE publishes some that are not whole (averaged daily enrolments; a few older exclusion counts),
/// and the hub keeps what DfE published. A figure DfE suppressed is absent. Every row carries the drop that last wrote
/// it, so a replaced file's rows can be found and removed.
/// </summary>
public static class BenchmarkEntities
{
    /// <summary>The home LA's rank properties (docs/architecture.md §Storage), set only on its rows.</summary>
    public const string PermExclRank = "PermExclRank";

    /// <inheritdoc cref="PermExclRank"/>
    public const string PermExclRankOf = "PermExclRankOf";

    /// <inheritdoc cref="PermExclRank"/>
    public const string SuspRank = "SuspRank";

    /// <inheritdoc cref="PermExclRank"/>
    public const string SuspRankOf = "SuspRankOf";

    /// <summary>The area as DfE spells it (the RowKey holds it key-encoded).</summary>
    public const string Name = "Name";

    /// <summary>The phase (<see cref="BenchmarkPhase"/>), the RowKey's last part.</summary>
    public const string Phase = "Phase";

    /// <summary>
    /// The row's entity: AcademicYear, Period, Level, Name, Phase; each count the file publishes; for each rate the
    /// file has, the unrounded rate (recomputed from counts where they are published) and DfE's rounded
    /// <c>Published…</c> rate; and SourceDropId.
    /// </summary>
    public static TableEntity Of(BenchmarkRow row, string dropId)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entity = new TableEntity(row.PartitionKey, row.RowKey)
        {
            ["AcademicYear"] = row.AcademicYear.ToString(),
            ["Period"] = row.Period.ToCode(),
            ["Level"] = row.Level.ToString(),
            [Name] = row.Name,
            [Phase] = row.Phase.ToString(),
            [IngestEntities.SourceDropId] = dropId,
        };
        foreach (var count in Enum.GetValues<BenchmarkCount>())
        {
            entity[count.ToString()] = (double?)row.Count(count);
        }

        foreach (var rate in Enum.GetValues<BenchmarkRate>().Where(row.Publishes))
        {
            entity[rate.ToString()] = row.Rate(rate);
            entity[rate.PublishedProperty()] = (double?)row.Published(rate);
        }

        return entity;
    }
}
