using BackOnTrack.Core.Ingest.Records;

namespace BackOnTrack.Core.Ports;

/// <summary>
/// Where a school data drop's accepted rows are stored: exclusions in Exclusions, marks and summaries in Attendance,
/// schools in Schools, cohort members in Cohorts. Each row carries the drop id, so the drop's rows can be found again.
/// </summary>
public interface IDropRows
{
    /// <summary>A writer for one drop's rows; flush it, then dispose it.</summary>
    IDropRowWriter Open(string dropId);
}

/// <summary>One drop's rows on their way to the tables, written in batches as they come.</summary>
public interface IDropRowWriter : IAsyncDisposable
{
    /// <summary>Every table and partition written to, as <c>Table|PartitionKey</c> in order (how DataDrops lists them).</summary>
    IReadOnlyList<string> Partitions { get; }

    Task AddAsync(DropRecord record, CancellationToken cancellationToken);

    /// <summary>Writes everything still pending and waits for it; a failure surfaces here at the latest.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
