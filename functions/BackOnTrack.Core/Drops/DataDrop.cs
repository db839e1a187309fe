namespace BackOnTrack.Core.Drops;

/// <summary>One row of table DataDrops: a drop (one version of one file) and what became of it.</summary>
public sealed record DataDrop
{
    public required string Scope { get; init; }
    public required string DropId { get; init; }
    public required string BlobName { get; init; }
    public required DropStatus Status { get; init; }
    public string? Kind { get; init; }
    public string? Layout { get; init; }
    public int RowsRead { get; init; }
    public int RowsAccepted { get; init; }
    public int RowsRejected { get; init; }
    public string? ReportBlob { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>The tables and partitions its rows went to, so they can be found again ("Table|PartitionKey").</summary>
    public IReadOnlyList<string> Partitions { get; init; } = [];

    /// <summary>The school-years its rows describe ("scope|yyyy-yy"), for metrics requests.</summary>
    public IReadOnlyList<string> SchoolYears { get; init; } = [];
}
