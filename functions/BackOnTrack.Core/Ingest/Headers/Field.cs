namespace BackOnTrack.Core.Ingest.Headers;

/// <summary>A column the hub reads, under its canonical heading (docs/architecture.md §Inputs).</summary>
internal enum Field
{
    Upn,
    NcYear,
    Laestab,
    Category,
    StartDate,
    Sessions,
    Days,
    Reason1,
    Reason2,
    Reason3,
    Status,
    Date,
    Session,
    Mark,
    PeriodStart,
    PeriodEnd,
    PossibleSessions,
    Present,
    Aea,
    AuthorisedAbsence,
    UnauthorisedAbsence,
    Urn,
    SchoolName,
    Phase,
    AcademicYear,
    Headcount,
    Cohort,
}
