namespace BackOnTrack.Core.EarlyWarning;

/// <summary>
/// The flag rule: a pupil is flagged when a behaviour reason and an attendance reason hold together, or when any reason
/// listed as sufficient alone holds.
/// </summary>
public sealed class EarlyWarningRules
{
    private readonly EarlyWarningThresholds thresholds;

    public EarlyWarningRules(EarlyWarningThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        this.thresholds = thresholds;
        Rules =
        [
            new RepeatSuspensionsRule(thresholds.RepeatSuspensionsCount, thresholds.RepeatSuspensionsDays),
            new SuspensionsRisingRule(thresholds.SuspensionsRisingDays, thresholds.SuspensionsRisingMinimum),
            new WithdrawnPermanentRule(thresholds.WithdrawnPermanentDays),
            new LunchtimeExclusionsRule(thresholds.LunchtimeExclusionsCount, thresholds.LunchtimeExclusionsDays),
            new AttendanceFallingRule(thresholds.FallingRecentSessions, thresholds.FallingBaselineSessions,
                thresholds.FallingMinimumBaselineSessions, thresholds.FallingPoints),
            new AbsenceRateRule(EarlyWarningReason.PersistentAbsence, thresholds.PersistentAbsencePercent),
            new AbsenceRateRule(EarlyWarningReason.SevereAbsence, thresholds.SevereAbsencePercent),
            new PartTimeTimetableRule(thresholds.PartTimeSessions),
        ];
    }

    public IReadOnlyList<IEarlyWarningRule> Rules { get; }

    public EarlyWarningAssessment Assess(PupilHistory pupil, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(pupil);
        var holding = Rules.Select(r => (Rule: r, Evidence: r.Evaluate(pupil, asOf))).Where(r => r.Evidence is not null).ToList();
        var flagged = holding.Any(r => thresholds.SufficientAlone.Contains(r.Rule.Reason))
            || (holding.Any(r => r.Rule.Kind == ReasonKind.Behaviour) && holding.Any(r => r.Rule.Kind == ReasonKind.Attendance));
        return new EarlyWarningAssessment(pupil.PupilKey, pupil.NcYear, flagged, holding.Select(r => r.Evidence!).ToList());
    }
}
