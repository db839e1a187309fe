using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest.Headers;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Ingest.Validation;

/// <summary>
/// Per-pupil attendance summaries. Rules: a valid pupil, year group and school; a period whose start is not after its
/// end, whose end is not after today, and which lies within one academic year; whole, non-negative counts (AEA may be
/// absent or empty: 0); one row per pupil and period.
/// </summary>
/// <remarks>
/// Arithmetic: Present + AEA + AuthorisedAbsence + UnauthorisedAbsence must equal PossibleSessions exactly. That is an
/// identity of DfE's definitions (docs/domain.md §Sessions: codes outside those four categories are not possible sessions), so any
/// difference means columns were mixed up or the MIS counted something else; rounding cannot explain it, since these
/// are session counts. Also PossibleSessions can be at most two a day over the period.
/// </remarks>
internal sealed class AttendanceSummaryRows : RowValidator
{
    private readonly int _aea;

    public AttendanceSummaryRows(HeaderMatch header, DropContext context)
        : base(header, context) => _aea = header.ColumnOf(Field.Aea);

    public override void Validate(TabularRow row, List<RowOutcome> outcomes)
    {
        List<RowError>? errors = null;
        var hasPupil = TryPupil(row, ref errors, out var pupil, out var pupilIndex);
        TryNcYear(row, ref errors, out var ncYear);
        var hasSchool = TrySchool(row, ref errors, out var school);
        var hasStart = TryDate(row, Field.PeriodStart, ref errors, out var start);
        var hasEnd = TryDate(row, Field.PeriodEnd, ref errors, out var end);
        var hasPeriod = hasStart && hasEnd;
        if (hasPeriod && start > end)
        {
            Fail(ref errors, row, Field.PeriodEnd, "PeriodEnd is before PeriodStart.");
            hasPeriod = false;
        }
        else if (hasPeriod && AcademicYear.FromDate(start) != AcademicYear.FromDate(end))
        {
            Fail(ref errors, row, Field.PeriodEnd, "The period crosses 31 July: a summary covers at most one academic year.");
            hasPeriod = false;
        }

        var counts = TryCount(row, Field.PossibleSessions, ref errors, out var possible)
            & TryCount(row, Field.Present, ref errors, out var present)
            & TryAea(row, ref errors, out var aea)
            & TryCount(row, Field.AuthorisedAbsence, ref errors, out var authorised)
            & TryCount(row, Field.UnauthorisedAbsence, ref errors, out var unauthorised);
        if (counts && (long)present + aea + authorised + unauthorised != possible)
        {
            Fail(ref errors, row, Field.PossibleSessions,
                "Present, AEA, authorised and unauthorised absence do not add up to the possible sessions.");
        }
        else if (counts && hasPeriod && possible > 2 * (end.DayNumber - start.DayNumber + 1))
        {
            Fail(ref errors, row, Field.PossibleSessions, "Possible sessions are more than two a day for the period.");
        }

        if (errors is null && hasPupil && hasSchool
            && IsDuplicate(
                new RowKey(pupilIndex, start.DayNumber, end.DayNumber, Duplicates.IndexOf(school.Value)),
                row,
                ref errors,
                Header.HeadingOf(Field.PeriodStart),
                "pupil and period"))
        {
            outcomes.Add(RowOutcome.Rejected(row.RowNumber, errors!));
            return;
        }

        outcomes.Add(errors is null
            ? RowOutcome.Accepted(row.RowNumber, new AttendanceSummaryRecord(pupil, school, ncYear, start, end, possible, present, aea, authorised, unauthorised))
            : RowOutcome.Rejected(row.RowNumber, errors));
    }

    private bool TryAea(TabularRow row, ref List<RowError>? errors, out int aea)
    {
        aea = 0;
        return row[_aea].Length == 0 || TryCount(row, Field.Aea, ref errors, out aea);
    }
}
