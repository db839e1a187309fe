namespace BackOnTrack.Core.Attendance;

/// <summary>
/// How a register code counts in DfE statistics (docs/domain.md §Attendance): possible sessions = present + approved educational
/// activity + authorised absence + unauthorised absence; every other code is not a possible session.
/// </summary>
public enum AttendanceCategory
{
    /// <summary>Present (<c>/ \ L</c>): counts as attendance.</summary>
    Present,

    /// <summary>Attending an approved educational activity off site (e.g. <c>K V P W B</c>): counts as attendance.</summary>
    ApprovedEducationalActivity,

    /// <summary>Authorised absence (e.g. <c>I M C E</c>).</summary>
    AuthorisedAbsence,

    /// <summary>Unauthorised absence (<c>G N O U</c>).</summary>
    UnauthorisedAbsence,

    /// <summary>
    /// Not a possible session: not counted in attendance or absence (<c>D X Q Y1–Y7</c>, and the administrative
    /// <c>Z</c> and <c>#</c>, which are not collected at all).
    /// </summary>
    NotPossibleSession,
}
