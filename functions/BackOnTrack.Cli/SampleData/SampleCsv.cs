using System.Globalization;
using System.Text;

namespace BackOnTrack.Cli.SampleData;

/// <summary>The text encodings schools' CSV files come in (docs/architecture.md §Inputs).</summary>
internal enum CsvEncoding
{
    /// <summary>UTF-8 without a byte-order mark.</summary>
    Utf8,

    /// <summary>UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" writes it.</summary>
    Utf8WithBom,

    /// <summary>Windows-1252, as Excel's plain "CSV" writes it on UK Windows.</summary>
    Windows1252,
}

/// <summary>Writes a <see cref="SampleTable"/> as CSV the way spreadsheets do: CRLF line ends, quotes only where needed.</summary>
internal static class SampleCsv
{
    public static byte[] Write(SampleTable table, CsvEncoding encoding, string dateFormat)
    {
        var text = new StringBuilder();
        foreach (var title in table.Titles)
        {
            AppendLine(text, [title], dateFormat);
        }

        if (table.Titles.Count > 0)
        {
            text.Append("\r\n");
        }

        AppendLine(text, [.. table.Headings], dateFormat);
        foreach (var row in table.Rows)
        {
            AppendLine(text, row, dateFormat);
        }

        return encoding switch
        {
            CsvEncoding.Utf8 => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString()),
            CsvEncoding.Utf8WithBom => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())],
            CsvEncoding.Windows1252 => CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text.ToString()),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Not a CSV encoding."),
        };
    }

    private static void AppendLine(StringBuilder text, object?[] cells, string dateFormat)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var cell = cells[i] switch
            {
                null => string.Empty,
                DateOnly date => date.ToString(dateFormat, CultureInfo.InvariantCulture),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? string.Empty,
            };
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(cell);
            }
        }

        text.Append("\r\n");
    }
}
