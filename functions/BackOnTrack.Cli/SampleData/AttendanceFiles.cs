using System.Globalization;
using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest;

namespace BackOnTrack.Cli.SampleData;

/// <summary>One row of a long-form marks file: a pupil's mark for one session.</summary>
internal sealed record MarkRow(SamplePupil Pupil, NcYear NcYear, DateOnly Date, Session Session, string Mark);

/// <summary>One row of a wide-form marks file: a pupil's marks for every session (null where not on roll).</summary>
internal sealed record GridRow(SamplePupil Pupil, NcYear? NcYear, IReadOnlyList<string?> Marks);

/// <summary>One row of an attendance summary: a pupil's session counts for the part of the term on roll.</summary>
internal sealed record SummaryRow(SamplePupil Pupil, DateOnly From, DateOnly To, int Possible, int Present, int Aea, int Authorised, int Unauthorised);

/// <summary>A school's autumn-term attendance file, in the school's <see cref="AttendanceLayout"/>.</summary>
internal static class AttendanceFiles
{
    public static SampleFile Build(SampleSchool school, SampleRegister register, DateOnly exportedOn)
    {
        var random = SampleRandom.For("attendance file " + school.Laestab);
        var bad = school.Plan.AttendanceBadRows;
        var term = "autumn-" + register.Sessions[0].Date.Year.ToString(CultureInfo.InvariantCulture);
        var termTitle = "Autumn term " + register.Sessions[0].Date.Year.ToString(CultureInfo.InvariantCulture);
        switch (school.Plan.AttendanceLayout)
        {
            case AttendanceLayout.LongForm:
            {
                var table = SampleTable.Of(
                    [
                        new("UPN", m => m.Pupil.Upn),
                        new("NCYear", m => NcYearText.Plain(m.NcYear)),
                        new("Date", m => m.Date),
                        new("Session", m => m.Session.ToString()),
                        new("Mark", m => m.Mark),
                    ],
                    BadRowPlanter.Plant(MarksByPupil(school, register), bad, SpoilMark, random));
                return Marks($"{school.Laestab}/attendance-marks-{term}.csv", DropLayout.LongForm, table, SampleCsv.Write(table, CsvEncoding.Utf8, "dd/MM/yyyy"));
            }

            case AttendanceLayout.LongFormMisHeadings:
            {
                var byDate = MarksByPupil(school, register).OrderBy(m => m.Date).ThenBy(m => m.Session).ToList();
                var table = SampleTable.Of(
                    [
                        new("Unique Pupil Number", m => m.Pupil.Upn),
                        new("Year Group", m => NcYearText.Words(m.NcYear)),
                        new("Attendance Date", m => m.Date),
                        new("AM/PM", m => m.Session.ToString()),
                        new("Attendance Code", m => m.Mark),
                    ],
                    BadRowPlanter.Plant(byDate, bad, SpoilMark, random));
                return Marks($"{school.Laestab}/attendance-marks-{term}.csv", DropLayout.LongForm, table, SampleCsv.Write(table, CsvEncoding.Utf8, "yyyy-MM-dd"));
            }

            case AttendanceLayout.LongFormWorkbook:
            {
                var table = SampleTable.Of(
                    [
                        new("UPN", m => m.Pupil.Upn),
                        new("NC Year", m => NcYearText.Number(m.NcYear)),
                        new("Date", m => m.Date),
                        new("Session", m => m.Session.ToString()),
                        new("Mark", m => m.Mark),
                    ],
                    BadRowPlanter.Plant(MarksByPupil(school, register), bad, SpoilMark, random),
                    [school.Plan.Name, "Attendance marks by session, " + termTitle, $"Run on {exportedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}"]);
                return Marks($"{school.Laestab}/attendance-marks-{term}.xlsx", DropLayout.LongForm, table, SampleXlsx.Write(table, "Marks", exportedOn));
            }

            case AttendanceLayout.WideFormWithNames:
            {
                var table = SampleTable.Of(
                    [
                        new("UPN", g => g.Pupil.Upn),
                        new("Forename", g => g.Pupil.Forename, Personal: true),
                        new("Surname", g => g.Pupil.Surname, Personal: true),
                        new("DOB", g => g.Pupil.DateOfBirth, Personal: true),
                        new("Year Group", g => g.NcYear is { } year ? NcYearText.Words(year) : null),
                        .. SessionColumns(register, "dd/MM/yyyy"),
                    ],
                    BadRowPlanter.Plant(Grid(school, register), bad, SpoilGrid, random));
                return Marks($"{school.Laestab}/attendance-{term}.csv", DropLayout.WideForm, table, SampleCsv.Write(table, CsvEncoding.Windows1252, "dd/MM/yyyy"));
            }

            case AttendanceLayout.WideFormWorkbook:
            {
                var table = SampleTable.Of(
                    [
                        new("UPN", g => g.Pupil.Upn),
                        new("Legal Surname", g => g.Pupil.Surname, Personal: true),
                        new("Forename", g => g.Pupil.Forename, Personal: true),
                        new("Date of Birth", g => g.Pupil.DateOfBirth, Personal: true),
                        new("NC Year", g => g.NcYear is { } year ? NcYearText.Number(year) : null),
                        .. SessionColumns(register, "ddd dd/MM/yyyy"),
                    ],
                    BadRowPlanter.Plant(Grid(school, register), bad, SpoilGrid, random),
                    [school.Plan.Name, "Session attendance grid, " + termTitle]);
                return Marks($"{school.Laestab}/attendance-{term}.xlsx", DropLayout.WideForm, table, SampleXlsx.Write(table, "Attendance", exportedOn));
            }

            case AttendanceLayout.Summary:
            {
                var table = SampleTable.Of(
                    [
                        new("UPN", s => s.Pupil.Upn),
                        new("NCYear", s => NcYearText.Plain(s.Pupil.NcYear)),
                        new("PeriodStart", s => s.From),
                        new("PeriodEnd", s => s.To),
                        new("PossibleSessions", s => s.Possible),
                        new("Present", s => s.Present),
                        new("AEA", s => s.Aea),
                        new("AuthorisedAbsence", s => s.Authorised),
                        new("UnauthorisedAbsence", s => s.Unauthorised),
                    ],
                    BadRowPlanter.Plant(Summaries(school, register), bad, SpoilSummary, random));
                return SampleFile.Accepted(
                    $"{school.Laestab}/attendance-summary-{term}.csv", school.Laestab, DropKind.AttendanceSummary, DropLayout.Table, table,
                    SampleCsv.Write(table, CsvEncoding.Utf8, "dd/MM/yyyy"));
            }

            default:
                throw new InvalidOperationException($"No attendance layout {school.Plan.AttendanceLayout}.");
        }

        SampleFile Marks(string path, DropLayout layout, SampleTable table, byte[] content) =>
            SampleFile.Accepted(path, school.Laestab, DropKind.AttendanceMarks, layout, table, content);
    }

    /// <summary>
    /// The school's register as a grid in an XLSX workbook: what the school meant to send before a broken upload (see
    /// <see cref="SampleDatasetGenerator"/>).
    /// </summary>
    public static byte[] GridWorkbook(SampleSchool school, SampleRegister register, DateOnly exportedOn) =>
        SampleXlsx.Write(
            SampleTable.Of(
                [
                    new("UPN", g => g.Pupil.Upn),
                    new("NC Year", g => NcYearText.Number(g.Pupil.NcYear)),
                    .. SessionColumns(register, "dd/MM/yyyy"),
                ],
                Grid(school, register).Select(g => new Planted<GridRow>(g, null)).ToList(),
                [school.Plan.Name]),
            "Attendance",
            exportedOn);

    private static List<MarkRow> MarksByPupil(SampleSchool school, SampleRegister register)
    {
        var rows = new List<MarkRow>();
        foreach (var pupil in school.Pupils)
        {
            var marks = register.MarksOf(pupil);
            for (var i = 0; i < marks.Count; i++)
            {
                if (marks[i] is { } mark)
                {
                    rows.Add(new MarkRow(pupil, pupil.NcYear, register.Sessions[i].Date, register.Sessions[i].Session, mark));
                }
            }
        }

        return rows;
    }

    private static List<GridRow> Grid(SampleSchool school, SampleRegister register) =>
        [.. school.Pupils.Select(p => new GridRow(p, p.NcYear, register.MarksOf(p)))];

    private static IEnumerable<SampleColumn<GridRow>> SessionColumns(SampleRegister register, string dateFormat) =>
        register.Sessions.Select((session, i) => new SampleColumn<GridRow>(
            $"{session.Date.ToString(dateFormat, CultureInfo.InvariantCulture)} {session.Session}",
            g => g.Marks[i]));

    // Counts by category of the code in force on each session's date (docs/domain.md §Sessions): codes outside possible sessions count nowhere.
    private static List<SummaryRow> Summaries(SampleSchool school, SampleRegister register)
    {
        var rows = new List<SummaryRow>();
        foreach (var pupil in school.Pupils)
        {
            var counts = new Dictionary<AttendanceCategory, int>();
            var days = new List<DateOnly>();
            var marks = register.MarksOf(pupil);
            for (var i = 0; i < marks.Count; i++)
            {
                if (marks[i] is not { } mark)
                {
                    continue;
                }

                var date = register.Sessions[i].Date;
                days.Add(date);
                var category = Category(mark, date);
                counts[category] = counts.GetValueOrDefault(category) + 1;
            }

            var present = counts.GetValueOrDefault(AttendanceCategory.Present);
            var aea = counts.GetValueOrDefault(AttendanceCategory.ApprovedEducationalActivity);
            var authorised = counts.GetValueOrDefault(AttendanceCategory.AuthorisedAbsence);
            var unauthorised = counts.GetValueOrDefault(AttendanceCategory.UnauthorisedAbsence);
            rows.Add(new SummaryRow(pupil, days[0], days[^1], present + aea + authorised + unauthorised, present, aea, authorised, unauthorised));
        }

        return rows;
    }

    /// <summary>How a generated mark counts; every mark the register holds is valid for its date.</summary>
    public static AttendanceCategory Category(string mark, DateOnly date) =>
        AttendanceCode.TryParse(mark, date, out var code, out var reason)
            ? code.Category
            : throw new InvalidOperationException($"The sample register holds an invalid mark: {reason}");

    private static (MarkRow Row, string Problem)? SpoilMark(BadRowKind kind, MarkRow mark) => kind switch
    {
        BadRowKind.DuplicateRow => (mark, "the same session's mark again"),
        BadRowKind.WrongCheckLetter => (mark with { Pupil = mark.Pupil with { Upn = UpnAllocator.WithWrongCheckLetter(mark.Pupil.Upn) } }, "UPN with a wrong check letter"),
        BadRowKind.NoMarkEntered => (mark with { Mark = "-" }, "no mark entered ('-')"),
        BadRowKind.UnknownMarkCode => (mark with { Mark = "@" }, "a school-specific code that is not a statutory one"),
        BadRowKind.FutureDate => (mark with { Date = mark.Date.AddYears(10) }, "date with the year mistyped, ten years ahead"),
        _ => throw BadRowPlanter.Unsupported(kind, "long-form marks"),
    };

    private static (GridRow Row, string Problem)? SpoilGrid(BadRowKind kind, GridRow row) => kind switch
    {
        BadRowKind.WrongCheckLetter => (row with { Pupil = row.Pupil with { Upn = UpnAllocator.WithWrongCheckLetter(row.Pupil.Upn) } }, "UPN with a wrong check letter"),
        BadRowKind.MissingNcYear => (row with { NcYear = null }, "no NC year"),
        _ => throw BadRowPlanter.Unsupported(kind, "wide-form marks"),
    };

    private static (SummaryRow Row, string Problem)? SpoilSummary(BadRowKind kind, SummaryRow row) => kind switch
    {
        BadRowKind.CountsDoNotAddUp => (row with { Present = row.Present + 2 }, "present, AEA and absence do not add up to the possible sessions"),
        _ => throw BadRowPlanter.Unsupported(kind, "attendance summary"),
    };
}
