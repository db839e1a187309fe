namespace BackOnTrack.Core.Tabular;

/// <summary>
/// How big an uploaded file may be, in every dimension a hostile or broken file could use to exhaust memory or time.
/// A file beyond any limit is refused whole, with a message that names the limit. The defaults are the settings'
/// defaults (section <c>Ingest</c>).
/// </summary>
public sealed record TabularLimits
{
    /// <summary>The defaults, generous for any real school export.</summary>
    public static TabularLimits Default { get; } = new();

    /// <summary>Largest file, in bytes, as uploaded (50 MB: a year of one large secondary's marks is about 30 MB as CSV).</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Most rows, counting blank ones (Excel's own limit is 1,048,576).</summary>
    public int MaxRows { get; init; } = 1_000_000;

    /// <summary>Most cells in one row (a year's wide register is about 390 session columns and a few identifiers).</summary>
    public int MaxColumns { get; init; } = 1_000;

    /// <summary>Longest cell, in characters (Excel's own limit is 32,767).</summary>
    public int MaxCellChars { get; init; } = 32_767;

    /// <summary>Largest total of an XLSX package's parts once inflated (1 GB: a million-row sheet is a few hundred MB of XML).</summary>
    public long MaxXlsxUncompressedBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Most parts in an XLSX package (a workbook of a few sheets has about fifteen).</summary>
    public int MaxXlsxEntries { get; init; } = 1_000;

    /// <summary>The report's words for a file over <see cref="MaxFileBytes"/>.</summary>
    public string FileTooLargeReason() =>
        FormattableString.Invariant($"The file is larger than {MaxFileBytes / (1024.0 * 1024):0.##} MB, the most the hub reads from one upload; split it.");
}
