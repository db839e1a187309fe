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

public static class EarlyWarningReasons
{
    /// <summary>The side of the flag rule a reason stands on (docs/architecture.md §Early warning).</summary>
    public static ReasonKind KindOf(this EarlyWarningReason reason) => reason switch
    {
        EarlyWarningReason.RepeatSuspensions or EarlyWarningReason.SuspensionsRising or EarlyWarningReason.WithdrawnPermanent or EarlyWarningReason.LunchtimeExclusions => ReasonKind.Behaviour,
        _ => ReasonKind.Attendance,
    };
}
