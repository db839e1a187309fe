using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Ingest.Records;

/// <summary>
/// One pupil's session counts for a period. The counts satisfy
/// <c>Possible = Present + ApprovedEducationalActivity + AuthorisedAbsence + UnauthorisedAbsence</c>.
/// </summary>
/// <param name="PupilKey">The pupil.</param>
/// <param name="Laestab">The school: the row's LAESTAB, or the uploading school's.</param>
/// <param name="NcYear">The pupil's year group.</param>
/// <param name="PeriodStart">First day covered.</param>
/// <param name="PeriodEnd">Last day covered (inclusive, same academic year).</param>
/// <param name="PossibleSessions">Possible sessions.</param>
/// <param name="Present">Sessions present (including late before the register closed).</param>
/// <param name="ApprovedEducationalActivity">Sessions at approved educational activity; 0 when the file has no AEA column (the school's Present then includes them).</param>
/// <param name="AuthorisedAbsence">Authorised absence sessions.</param>
/// <param name="UnauthorisedAbsence">Unauthorised absence sessions.</param>
public sealed record AttendanceSummaryRecord(
    PupilKey PupilKey,
    Laestab Laestab,
    NcYear NcYear,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int PossibleSessions,
    int Present,
    int ApprovedEducationalActivity,
    int AuthorisedAbsence,
    int UnauthorisedAbsence) : DropRecord
{
    /// <summary>The academic year the period falls in.</summary>
    public AcademicYear AcademicYear => AcademicYear.FromDate(PeriodStart);
}
