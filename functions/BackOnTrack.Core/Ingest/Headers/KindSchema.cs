namespace BackOnTrack.Core.Ingest.Headers;

/// <summary>The columns that identify a kind of drop (all required ones must be present) and those it also reads.</summary>
internal sealed record KindSchema(DropKind Kind, DropLayout Layout, IReadOnlyList<Field> Required, IReadOnlyList<Field> Optional)
{
    public static readonly IReadOnlyList<KindSchema> All =
    [
        new(DropKind.Exclusions, DropLayout.Table,
            [Field.Upn, Field.NcYear, Field.Category, Field.StartDate, Field.Reason1],
            [Field.Sessions, Field.Days, Field.Reason2, Field.Reason3, Field.Laestab, Field.Status]),
        new(DropKind.AttendanceMarks, DropLayout.LongForm,
            [Field.Upn, Field.NcYear, Field.Date, Field.Session, Field.Mark],
            [Field.Laestab]),
        // Wide form: the required fields plus at least one session column (see SessionHeading).
        new(DropKind.AttendanceMarks, DropLayout.WideForm,
            [Field.Upn, Field.NcYear],
            [Field.Laestab]),
        new(DropKind.AttendanceSummary, DropLayout.Table,
            [Field.Upn, Field.NcYear, Field.PeriodStart, Field.PeriodEnd, Field.PossibleSessions, Field.Present, Field.AuthorisedAbsence, Field.UnauthorisedAbsence],
            [Field.Aea, Field.Laestab]),
        new(DropKind.Schools, DropLayout.Table,
            [Field.Laestab, Field.Urn, Field.SchoolName, Field.Phase, Field.AcademicYear, Field.Headcount],
            []),
        new(DropKind.Cohort, DropLayout.Table,
            [Field.Upn, Field.Cohort, Field.StartDate],
            [Field.Laestab]),
    ];

    public bool NeedsSessionColumns => Layout == DropLayout.WideForm;
}
