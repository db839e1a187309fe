using BackOnTrack.Core.Ingest.Headers;
using BackOnTrack.Core.Ingest.Validation;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Ingest;

/// <summary>
/// The ingest entry point: reads an uploaded CSV or XLSX data drop, detects its kind and layout from its header, and
/// validates and normalises its rows as they are read.
/// </summary>
public static class DropReader
{
    /// <summary>
    /// Starts reading a drop. Reads only as far as the header (at most <see cref="HeaderDetector.RowsSearched"/> rows)
    /// before returning; the rows' outcomes are read on enumeration of <see cref="DropRead.Outcomes"/>. A file that
    /// cannot be read, breaks one of <see cref="DropContext.Limits"/>, is empty, or is of no known kind comes back with
    /// <see cref="DropRead.Rejection"/> set (a limit first broken past the header is thrown while the outcomes are read).
    /// </summary>
    /// <param name="content">The file's content; read forward only, left open (XLSX from a non-seekable stream is copied into memory first).</param>
    /// <param name="fileName">The blob's name; used only to tell an XLSX that is not a zip from a CSV.</param>
    /// <param name="context">The hub's clock, the uploading school and the pseudonymisation key.</param>
    public static DropRead Read(Stream content, string fileName, DropContext context)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(context);

        TabularFormat format;
        IEnumerator<TabularRow> rows;
        var leading = new List<TabularRow>(HeaderDetector.RowsSearched);
        try
        {
            (format, var enumerable) = TabularFile.Open(content, fileName, context.Limits);
            rows = enumerable.GetEnumerator();
        }
        catch (UnreadableFileException ex)
        {
            return DropRead.Rejected(ex.Message);
        }

        try
        {
            while (leading.Count < HeaderDetector.RowsSearched && rows.MoveNext())
            {
                leading.Add(rows.Current);
            }
        }
        catch (UnreadableFileException ex)
        {
            rows.Dispose();
            return DropRead.Rejected(ex.Message, format);
        }

        if (leading.Count == 0)
        {
            rows.Dispose();
            return DropRead.Rejected("The file has no rows.", format);
        }

        var header = HeaderDetector.Detect(leading, out var rejection);
        if (header is null)
        {
            rows.Dispose();
            return DropRead.Rejected(rejection!, format);
        }

        var afterHeader = leading.Where(r => r.RowNumber > header.RowNumber).ToList();
        return DropRead.Readable(format, header, afterHeader, rows, RowValidator.For(header, context));
    }
}
