using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Ingest.Headers;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Ingest.Validation;

/// <summary>
/// Attendance marks in the wide layout: one row per pupil, one column per session. A problem with the pupil, year
/// group or school rejects the whole row (one outcome); otherwise each non-empty session cell is a mark of its own,
/// accepted or rejected under the long layout's rules. Empty cells are sessions with no mark for the pupil (not yet
/// on roll, or left) and produce nothing.
/// </summary>
internal sealed class AttendanceMarkColumns : RowValidator
{
    private readonly SessionColumn[] _columns;
    private readonly bool[] _future;

    public AttendanceMarkColumns(HeaderMatch header, DropContext context)
        : base(header, context)
    {
        _columns = [.. header.SessionColumns];
        _future = _columns.Select(c => c.Date > context.Today).ToArray();
    }

    public override void Validate(TabularRow row, List<RowOutcome> outcomes)
    {
        List<RowError>? errors = null;
        TryPupil(row, ref errors, out var pupil, out var pupilIndex);
        TryNcYear(row, ref errors, out var ncYear);
        TrySchool(row, ref errors, out var school);
        if (errors is not null)
        {
            outcomes.Add(RowOutcome.Rejected(row.RowNumber, errors));
            return;
        }

        var schoolIndex = Duplicates.IndexOf(school.Value);
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            var mark = row[column.Column];
            if (mark.Length == 0)
            {
                continue;
            }

            List<RowError>? cellErrors = null;
            if (_future[i])
            {
                Fail(ref cellErrors, row.RowNumber, column.Heading, "The session's date is later than today.");
            }
            else if (!AttendanceCode.TryParse(mark, column.Date, out var code, out var reason))
            {
                Fail(ref cellErrors, row.RowNumber, column.Heading, reason);
            }
            else if (!IsDuplicateSession(pupilIndex, schoolIndex, column.Date, column.Session, row, ref cellErrors, column.Heading))
            {
                outcomes.Add(RowOutcome.Accepted(row.RowNumber, new AttendanceMarkRecord(pupil, school, ncYear, column.Date, column.Session, code)));
                continue;
            }

            outcomes.Add(RowOutcome.Rejected(row.RowNumber, cellErrors!));
        }
    }
}
