namespace BackOnTrack.Core.EarlyWarning;

/// <summary>
/// The thresholds and windows of the early-warning rules. Day windows end at the as-of date and include it: a window of
/// 90 days holds the as-of date and the 89 days before it, so something exactly 90 days old has left it.
/// </summary>
public sealed record EarlyWarningThresholds
{
    public int RepeatSuspensionsCount { get; init; } = 2;

    public int RepeatSuspensionsDays { get; init; } = 90;

    /// <summary>Length of each of the two windows compared (the recent one and the one before it).</summary>
    public int SuspensionsRisingDays { get; init; } = 90;

    /// <summary>Suspensions needed across both windows together, so one suspension after none is not a rise.</summary>
    public int SuspensionsRisingMinimum { get; init; } = 2;

    public int WithdrawnPermanentDays { get; init; } = 365;

    public int LunchtimeExclusionsCount { get; init; } = 2;

    public int LunchtimeExclusionsDays { get; init; } = 90;

    public int FallingRecentSessions { get; init; } = 40;

    public int FallingBaselineSessions { get; init; } = 120;

    /// <summary>Fewest baseline sessions for a comparison to mean anything.</summary>
    public int FallingMinimumBaselineSessions { get; init; } = 60;

    public decimal FallingPoints { get; init; } = 10m;

    public decimal PersistentAbsencePercent { get; init; } = 10m;

    public decimal SevereAbsencePercent { get; init; } = 50m;

    public int PartTimeSessions { get; init; } = 40;

    /// <summary>Reasons that flag a pupil on their own, without one of the other kind.</summary>
    public IReadOnlySet<EarlyWarningReason> SufficientAlone { get; init; } = new HashSet<EarlyWarningReason>();
}
