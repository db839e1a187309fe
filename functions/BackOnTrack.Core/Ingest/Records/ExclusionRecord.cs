using BackOnTrack.Core.Exclusions;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Ingest.Records;

/// <summary>A permanent exclusion, suspension or lunchtime exclusion.</summary>
/// <param name="PupilKey">The pupil.</param>
/// <param name="Laestab">The excluding school: the row's LAESTAB, or the uploading school's.</param>
/// <param name="Category">PERM, FIXD or LNCH.</param>
/// <param name="StartDate">The first day of the exclusion.</param>
/// <param name="Sessions">Length in sessions (half days; a <c>Days</c> column is doubled); null for a permanent exclusion.</param>
/// <param name="Reasons">One to three CBDS reason codes, in the order given, without repeats.</param>
/// <param name="NcYear">The pupil's year group at the time.</param>
/// <param name="Withdrawn">True when the status says the exclusion was withdrawn, rescinded, overturned or the pupil reinstated; such exclusions are not counted.</param>
public sealed record ExclusionRecord(
    PupilKey PupilKey,
    Laestab Laestab,
    ExclusionCategory Category,
    DateOnly StartDate,
    int? Sessions,
    IReadOnlyList<string> Reasons,
    NcYear NcYear,
    bool Withdrawn) : DropRecord
{
    /// <summary>The academic year the exclusion started in.</summary>
    public AcademicYear AcademicYear => AcademicYear.FromDate(StartDate);
}
