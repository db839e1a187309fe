using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest.Headers;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Ingest.Validation;

/// <summary>
/// Validates and normalises one kind's rows. The checks every kind shares live here: pupil (UPN), year group,
/// dates (real, and not after today), counts, the school (LAESTAB), duplicates. Error reasons never quote the cell.
/// </summary>
internal abstract class RowValidator : IDisposable
{
    private const int CacheLimit = 4_096;

    private readonly Dictionary<string, DateOnly> _dates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Laestab> _schools = new(StringComparer.Ordinal);
    private readonly int _upnColumn;
    private readonly int _ncYearColumn;
    private readonly int _laestabColumn;

    protected RowValidator(HeaderMatch header, DropContext context)
    {
        Header = header;
        Context = context;
        Pupils = new PupilDirectory(context.PseudonymisationKeyChain);
        _upnColumn = header.ColumnOf(Field.Upn);
        _ncYearColumn = header.ColumnOf(Field.NcYear);
        _laestabColumn = header.ColumnOf(Field.Laestab);
    }

    protected HeaderMatch Header { get; }

    protected DropContext Context { get; }

    protected PupilDirectory Pupils { get; }

    protected DuplicateRows Duplicates { get; } = new();

    public static RowValidator For(HeaderMatch header, DropContext context) => (header.Schema.Kind, header.Schema.Layout) switch
    {
        (DropKind.Exclusions, _) => new ExclusionRows(header, context),
        (DropKind.AttendanceMarks, DropLayout.LongForm) => new AttendanceMarkRows(header, context),
        (DropKind.AttendanceMarks, _) => new AttendanceMarkColumns(header, context),
        (DropKind.AttendanceSummary, _) => new AttendanceSummaryRows(header, context),
        (DropKind.Schools, _) => new SchoolRows(header, context),
        _ => new CohortRows(header, context),
    };

    /// <summary>Adds the outcome(s) of one data row: one per row, or one per non-empty session cell in the wide layout.</summary>
    public abstract void Validate(TabularRow row, List<RowOutcome> outcomes);

    public void Dispose() => Pupils.Dispose();

    protected static void Fail(ref List<RowError>? errors, int rowNumber, string column, string reason) =>
        (errors ??= []).Add(new RowError(rowNumber, column, reason));

    protected void Fail(ref List<RowError>? errors, TabularRow row, Field field, string reason) =>
        Fail(ref errors, row.RowNumber, Header.HeadingOf(field), reason);

    protected bool TryPupil(TabularRow row, ref List<RowError>? errors, out PupilKey key, out int index)
    {
        if (Pupils.TryGet(row[_upnColumn], out key, out index, out var reason))
        {
            return true;
        }

        Fail(ref errors, row, Field.Upn, reason);
        return false;
    }

    protected bool TryNcYear(TabularRow row, ref List<RowError>? errors, out NcYear year)
    {
        var text = row[_ncYearColumn];
        if (NcYear.TryParse(text, out year))
        {
            return true;
        }

        Fail(ref errors, row, Field.NcYear, text.Length == 0
            ? "NC year is missing."
            : "NC year must be N1, N2, R (Reception), 1–14 (e.g. 7, Y7, Year 7) or X.");
        return false;
    }

    /// <summary>
    /// The row's school: its LAESTAB, which must be the uploading school's, or, when the column is empty or absent,
    /// the uploading school. An LA-wide file must say which school each row is about.
    /// </summary>
    protected bool TrySchool(TabularRow row, ref List<RowError>? errors, out Laestab school)
    {
        var text = row[_laestabColumn];
        if (text.Length == 0)
        {
            if (Context.School is { } uploader)
            {
                school = uploader;
                return true;
            }

            school = null!;
            Fail(ref errors, row, Field.Laestab, "LAESTAB is required in a file uploaded for the whole LA.");
            return false;
        }

        if (!_schools.TryGetValue(text, out school!))
        {
            if (!Laestab.TryParse(text, out school, out var reason))
            {
                Fail(ref errors, row, Field.Laestab, reason);
                return false;
            }

            if (_schools.Count < CacheLimit)
            {
                _schools[text] = school;
            }
        }

        if (Context.School is { } expected && school != expected)
        {
            Fail(ref errors, row, Field.Laestab, "LAESTAB is not the school this file was uploaded for.");
            return false;
        }

        return true;
    }

    /// <summary>A required date, not after today.</summary>
    protected bool TryDate(TabularRow row, Field field, ref List<RowError>? errors, out DateOnly date)
    {
        var text = row[Header.ColumnOf(field)];
        var heading = Header.HeadingOf(field);
        if (!TryParseDate(text, out date))
        {
            Fail(ref errors, row.RowNumber, heading, text.Length == 0
                ? $"{heading} is missing."
                : $"{heading} is not a real date in a recognised form (dd/MM/yyyy, yyyy-MM-dd or d MMM yyyy).");
            return false;
        }

        if (date > Context.Today)
        {
            Fail(ref errors, row.RowNumber, heading, $"{heading} is later than today.");
            return false;
        }

        return true;
    }

    /// <summary>A required whole number of at least <paramref name="minimum"/>.</summary>
    protected bool TryCount(TabularRow row, Field field, ref List<RowError>? errors, out int value, int minimum = 0)
    {
        var text = row[Header.ColumnOf(field)];
        var heading = Header.HeadingOf(field);
        if (text.Length == 0)
        {
            value = 0;
            Fail(ref errors, row.RowNumber, heading, $"{heading} is missing.");
            return false;
        }

        if (!Numbers.TryWhole(text, out value) || value < minimum)
        {
            Fail(ref errors, row.RowNumber, heading, $"{heading} must be a whole number of at least {minimum}.");
            return false;
        }

        return true;
    }

    protected bool IsDuplicate(RowKey key, TabularRow row, ref List<RowError>? errors, string column, string what)
    {
        if (Duplicates.TryClaim(key, row.RowNumber, out var earlier))
        {
            return false;
        }

        Fail(ref errors, row.RowNumber, column, $"Duplicate of row {earlier}: the same {what}.");
        return true;
    }

    /// <summary>True (with the error added) when an earlier row already gave this pupil's session a mark.</summary>
    protected bool IsDuplicateSession(int pupilIndex, int schoolIndex, DateOnly date, Attendance.Session session, TabularRow row, ref List<RowError>? errors, string column)
    {
        var year = Identifiers.AcademicYear.FromDate(date);
        var register = new RegisterKey(pupilIndex, schoolIndex, year.StartYear);
        if (Duplicates.TryClaimSession(register, date.DayNumber - year.Start.DayNumber, (int)session, row.RowNumber, out var earlier))
        {
            return false;
        }

        Fail(ref errors, row.RowNumber, column, $"Duplicate of row {earlier}: the same pupil, date and session.");
        return true;
    }

    private bool TryParseDate(string text, out DateOnly date)
    {
        if (_dates.TryGetValue(text, out date))
        {
            return true;
        }

        if (!DropDates.TryParse(text, out date))
        {
            return false;
        }

        if (_dates.Count < CacheLimit)
        {
            _dates[text] = date;
        }

        return true;
    }
}
