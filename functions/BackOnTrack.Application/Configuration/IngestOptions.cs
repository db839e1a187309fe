using System.ComponentModel.DataAnnotations;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Application.Configuration;

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

    /// <summary>Largest upload read, in bytes; a larger one is rejected whole without being read.</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = TabularLimits.Default.MaxFileBytes;

    /// <summary>Most rows read from one file (blank rows count).</summary>
    [Range(1, 10_000_000)]
    public int MaxRows { get; set; } = TabularLimits.Default.MaxRows;

    /// <summary>Most cells in one row.</summary>
    [Range(1, 100_000)]
    public int MaxColumns { get; set; } = TabularLimits.Default.MaxColumns;

    /// <summary>Longest cell, in characters.</summary>
    [Range(16, 10_000_000)]
    public int MaxCellChars { get; set; } = TabularLimits.Default.MaxCellChars;

    /// <summary>Largest total size of an XLSX package's parts once unzipped, in bytes.</summary>
    [Range(1024, 16L * 1024 * 1024 * 1024)]
    public long MaxXlsxUncompressedBytes { get; set; } = TabularLimits.Default.MaxXlsxUncompressedBytes;

    /// <summary>Most parts (zip entries) in an XLSX package.</summary>
    [Range(4, 65_535)]
    public int MaxXlsxEntries { get; set; } = TabularLimits.Default.MaxXlsxEntries;

    /// <summary>The limits every file in drops, plans and benchmarks is read within.</summary>
    public TabularLimits Limits() => new()
    {
        MaxFileBytes = MaxFileBytes,
        MaxRows = MaxRows,
        MaxColumns = MaxColumns,
        MaxCellChars = MaxCellChars,
        MaxXlsxUncompressedBytes = MaxXlsxUncompressedBytes,
        MaxXlsxEntries = MaxXlsxEntries,
    };
}
