using System.Globalization;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest.Headers;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Schools;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Ingest.Validation;

/// <summary>
/// Schools register rows. Rules: a LAESTAB (the uploading school's, if a school sent it); a 6-digit URN; a name; a
/// phase (words or census code); an academic year that has started; a whole, non-negative headcount; one row per
/// school and year.
/// </summary>
internal sealed class SchoolRows : RowValidator
{
    private const int MaxNameLength = 200;

    private readonly int _urn;
    private readonly int _name;
    private readonly int _phase;
    private readonly int _year;

    public SchoolRows(HeaderMatch header, DropContext context)
        : base(header, context)
    {
        _urn = header.ColumnOf(Field.Urn);
        _name = header.ColumnOf(Field.SchoolName);
        _phase = header.ColumnOf(Field.Phase);
        _year = header.ColumnOf(Field.AcademicYear);
    }

    public override void Validate(TabularRow row, List<RowOutcome> outcomes)
    {
        List<RowError>? errors = null;
        // A register row must name its school even when a school uploads it: an empty LAESTAB is not "this school".
        Laestab school = null!;
        var hasSchool = false;
        if (row[Header.ColumnOf(Field.Laestab)].Length == 0)
        {
            Fail(ref errors, row, Field.Laestab, "LAESTAB is missing.");
        }
        else
        {
            hasSchool = TrySchool(row, ref errors, out school);
        }

        var urn = row[_urn];
        if (urn.Length != 6 || !int.TryParse(urn, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            Fail(ref errors, row, Field.Urn, urn.Length == 0 ? "URN is missing." : "URN must be 6 digits.");
        }

        var name = row[_name];
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            Fail(ref errors, row, Field.SchoolName, name.Length == 0 ? "School name is missing." : $"School name is longer than {MaxNameLength} characters.");
        }

        if (!SchoolPhases.TryParse(row[_phase], out var phase))
        {
            Fail(ref errors, row, Field.Phase, "Phase must be Primary, Secondary, Special or Alternative provision, or a census phase code (PS, MP, NS, SS, MS, AT, SP, PR).");
        }

        var hasYear = AcademicYear.TryParse(row[_year], out var year);
        if (!hasYear)
        {
            Fail(ref errors, row, Field.AcademicYear, "Academic year must be written yyyy-yy, e.g. 2015-16.");
        }
        else if (year.Start > Context.Today)
        {
            Fail(ref errors, row, Field.AcademicYear, "Academic year has not started yet.");
            hasYear = false;
        }

        TryCount(row, Field.Headcount, ref errors, out var headcount);

        if (errors is null && hasSchool && hasYear
            && IsDuplicate(new RowKey(Duplicates.IndexOf(school.Value), year.StartYear, 0, 0), row, ref errors, Header.HeadingOf(Field.Laestab), "school and academic year"))
        {
            outcomes.Add(RowOutcome.Rejected(row.RowNumber, errors!));
            return;
        }

        outcomes.Add(errors is null
            ? RowOutcome.Accepted(row.RowNumber, new SchoolRecord(school, urn, name, phase, year, headcount))
            : RowOutcome.Rejected(row.RowNumber, errors));
    }
}
