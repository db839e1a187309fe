using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Ingest.Headers;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Ingest.Validation;

/// <summary>
/// Attendance marks in the long layout, one row per pupil and session. Rules: a valid pupil, year group and school; a
/// date not after today; AM or PM; a statutory code for that date's code set; one row per pupil, date and session.
/// </summary>
internal sealed class AttendanceMarkRows : RowValidator
{
    private readonly int _session;
    private readonly int _mark;

    public AttendanceMarkRows(HeaderMatch header, DropContext context)
        : base(header, context)
    {
        _session = header.ColumnOf(Field.Session);
        _mark = header.ColumnOf(Field.Mark);
    }

    public override void Validate(TabularRow row, List<RowOutcome> outcomes)
    {
        List<RowError>? errors = null;
        var hasPupil = TryPupil(row, ref errors, out var pupil, out var pupilIndex);
        TryNcYear(row, ref errors, out var ncYear);
        var hasSchool = TrySchool(row, ref errors, out var school);
        var hasDate = TryDate(row, Field.Date, ref errors, out var date);
        var hasSession = Sessions.TryParse(row[_session], out var session);
        if (!hasSession)
        {
            Fail(ref errors, row, Field.Session, "Session must be AM or PM.");
        }

        AttendanceCode? code = null;
        if (hasDate && !AttendanceCode.TryParse(row[_mark], date, out code, out var reason))
        {
            Fail(ref errors, row, Field.Mark, reason);
        }

        if (errors is null && hasPupil && hasSchool && hasSession
            && IsDuplicateSession(pupilIndex, Duplicates.IndexOf(school.Value), date, session, row, ref errors, Header.HeadingOf(Field.Date)))
        {
            outcomes.Add(RowOutcome.Rejected(row.RowNumber, errors!));
            return;
        }

        outcomes.Add(errors is null
            ? RowOutcome.Accepted(row.RowNumber, new AttendanceMarkRecord(pupil, school, ncYear, date, session, code!))
            : RowOutcome.Rejected(row.RowNumber, errors));
    }
}
