using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Ingest.Records;

/// <summary>A pupil's membership of a named cohort (an intervention or programme), from its start date.</summary>
/// <param name="PupilKey">The pupil.</param>
/// <param name="Laestab">The pupil's school.</param>
/// <param name="Cohort">The cohort's name: letters, digits and hyphens.</param>
/// <param name="StartDate">When the pupil joined; outcomes compare the 365 days before and after it.</param>
public sealed record CohortMemberRecord(
    PupilKey PupilKey,
    Laestab Laestab,
    string Cohort,
    DateOnly StartDate) : DropRecord;
