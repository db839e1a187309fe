using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Ingest.Records;

/// <summary>One pupil's register mark for one session.</summary>
/// <param name="PupilKey">The pupil.</param>
/// <param name="Laestab">The school: the row's LAESTAB, or the uploading school's.</param>
/// <param name="NcYear">The pupil's year group.</param>
/// <param name="Date">The session's date.</param>
/// <param name="Session">AM or PM.</param>
/// <param name="Code">The code, read against the code set in force on <paramref name="Date"/>; its category says how it counts.</param>
public sealed record AttendanceMarkRecord(
    PupilKey PupilKey,
    Laestab Laestab,
    NcYear NcYear,
    DateOnly Date,
    Session Session,
    AttendanceCode Code) : DropRecord;
