using System.ComponentModel.DataAnnotations;

namespace BackOnTrack.Functions.Configuration;

/// <summary>How data drops are judged and kept (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>A readable file is rejected whole when more than this share of its rows (percent) were rejected.</summary>
    [Range(0, 100)]
    public double RejectThresholdPercent { get; set; } = 20;

    /// <summary>Days raw uploads stay in drops, plans and benchmarks before SweepDrops deletes them.</summary>
    [Range(1, 3650)]
    public int RawRetentionDays { get; set; } = 30;

    /// <summary>Days quarantined files and their reports are kept.</summary>
    [Range(1, 3650)]
    public int QuarantineRetentionDays { get; set; } = 90;
}
