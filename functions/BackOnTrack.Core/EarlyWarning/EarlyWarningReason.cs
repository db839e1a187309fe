namespace BackOnTrack.Core.EarlyWarning;

/// <summary>The reasons a pupil can be flagged, named as the EarlyWarnings table's Reasons column writes them.</summary>
public enum EarlyWarningReason
{
    RepeatSuspensions,
    SuspensionsRising,
    WithdrawnPermanent,
    LunchtimeExclusions,
    AttendanceFalling,
    PersistentAbsence,
    SevereAbsence,
    PartTimeTimetable,
}

/// <summary>Which side of the flag rule a reason stands on.</summary>
public enum ReasonKind
{
    Behaviour,
    Attendance,
}
