using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Drops;

/// <summary>
/// What a school (or the LA's data team) is told about one drop: counts, the columns not read, and every rejected row
/// with its row number, column and reason. It never holds a pupil identifier: reasons never quote cells.
/// </summary>
public sealed record DropReport
{
    public required string DropId { get; init; }
    public required string BlobName { get; init; }
    public required string Scope { get; init; }
    public required DropStatus Status { get; init; }
    public string? Kind { get; init; }
    public string? Layout { get; init; }

    /// <summary>Why the whole file was rejected; null when it was stored.</summary>
    public string? Reason { get; init; }

    public int RowsRead { get; init; }
    public int RowsAccepted { get; init; }
    public int RowsRejected { get; init; }

    /// <summary>Columns holding personal data (names, dates of birth, addresses): dropped, never stored.</summary>
    public IReadOnlyList<string> PersonalColumnsDropped { get; init; } = [];

    /// <summary>Other columns this kind does not use.</summary>
    public IReadOnlyList<string> ColumnsIgnored { get; init; } = [];

    public IReadOnlyList<RowError> Rejections { get; init; } = [];

    /// <summary>Things worth knowing that rejected no row: an action plan's repeated ids and owners that match no role.</summary>
    public IReadOnlyList<RowError> Findings { get; init; } = [];

    /// <summary>For a DfE statistics file: rows skipped, rows with suppressed figures, and conformance findings.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BenchmarkSummary? Benchmarks { get; init; }

    public required DateTimeOffset ProcessedAt { get; init; }

    /// <summary>The rejections as CSV (row, column, reason), safe to open in Excel: no cell starts a formula (a heading in a school's file is untrusted text).</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("row,column,reason\r\n");
        foreach (var rejection in Rejections)
        {
            csv.Append(rejection.RowNumber.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(SpreadsheetText.CsvCell(rejection.Column)).Append(',')
                .Append(SpreadsheetText.CsvCell(rejection.Reason)).Append("\r\n");
        }

        return csv.ToString();
    }
}
