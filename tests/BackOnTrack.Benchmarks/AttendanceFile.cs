using System.Globalization;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Benchmarks;

/// <summary>
/// A long-form attendance marks CSV of exactly the requested number of data rows (one row = one pupil-session mark)
/// below its header: pupils in turn, each with the school days of 2024-25 from September, AM and PM, mostly present
/// with some absence, written straight to disk.
/// </summary>
public static class AttendanceFile
{
    /// <summary>
    /// The rows the hub's reader counts in a file of <paramref name="dataRows"/> marks: the header is a row too
    /// (<c>Ingest:MaxRows</c> counts every row), so a file of exactly the limit's marks is one row over it. The benchmark
    /// raises the limit to this, not the data rows, or its 1,000,000-mark file is refused whole.
    /// </summary>
    public static int FileRows(int dataRows) => dataRows + 1;

    private static readonly string[] Marks = ["/", "\\", "/", "\\", "/", "\\", "/", "\\", "L", "I", "M", "O", "/", "\\", "/", "\\", "C", "/", "\\", "/"];

    public static void Write(string path, int rows)
    {
        var sessions = SchoolDays().SelectMany(day => new[] { (day, "AM"), (day, "PM") }).ToList();
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        writer.Write("UPN,NCYear,Date,Session,Mark\r\n");
        var written = 0;
        for (var pupil = 1; written < rows; pupil++)
        {
            var body = string.Create(CultureInfo.InvariantCulture, $"372{4000 + pupil / 1000 % 1000:D4}19{pupil % 1000:D3}");
            var upn = Upn.CheckLetterFor(body) + body;
            var year = 1 + (pupil % 11);
            for (var s = 0; s < sessions.Count && written < rows; s++, written++)
            {
                var (day, session) = sessions[s];
                writer.Write(upn);
                writer.Write(',');
                writer.Write(year.ToString(CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(session);
                writer.Write(',');
                writer.Write(Marks[(pupil * 7 + s) % Marks.Length]);
                writer.Write("\r\n");
            }
        }
    }

    /// <summary>
    /// One school's autumn term of 2024-25 (2 September to 20 December, AM and PM), <paramref name="pupils"/> pupils whose
    /// UPNs carry <paramref name="schoolNumber"/>, so no two schools of an LA-scale run share a pupil. Returns the marks written.
    /// </summary>
    public static long WriteAutumnTerm(string path, int schoolNumber, int pupils)
    {
        var sessions = SchoolDays(new DateOnly(2024, 12, 20)).SelectMany(day => new[] { (day, "AM"), (day, "PM") }).ToList();
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        writer.Write("UPN,NCYear,Date,Session,Mark\r\n");
        for (var pupil = 0; pupil < pupils; pupil++)
        {
            var body = string.Create(CultureInfo.InvariantCulture, $"37{schoolNumber:D5}{pupil:D5}");
            var upn = Upn.CheckLetterFor(body) + body;
            var year = 1 + (pupil % 11);
            for (var s = 0; s < sessions.Count; s++)
            {
                var (day, session) = sessions[s];
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{upn},{year},{day:dd/MM/yyyy},{session},{Marks[(pupil * 7 + s) % Marks.Length]}\r\n"));
            }
        }

        return (long)pupils * sessions.Count;
    }

    private static IEnumerable<DateOnly> SchoolDays() => SchoolDays(new DateOnly(2025, 7, 18));

    private static IEnumerable<DateOnly> SchoolDays(DateOnly last)
    {
        for (var day = new DateOnly(2024, 9, 2); day <= last; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                yield return day;
            }
        }
    }
}
