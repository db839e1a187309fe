namespace BackOnTrack.Core.Ingest;

/// <summary>The kinds of data drop this reader understands; the names are the DataDrops table's Kind values.</summary>
public enum DropKind
{
    Exclusions,
    AttendanceMarks,
    AttendanceSummary,
    Schools,
    Cohort,
}

/// <summary>How a kind's rows are laid out; the names are the DataDrops table's Layout values.</summary>
public enum DropLayout
{
    /// <summary>One row per record, one column per field.</summary>
    Table,

    /// <summary>Attendance marks, one row per pupil and session: Date, Session (AM/PM), Mark.</summary>
    LongForm,

    /// <summary>Attendance marks, one row per pupil and one column per session headed by a date and AM/PM.</summary>
    WideForm,
}
