namespace BackOnTrack.Core.EarlyWarning;

/// <summary>Where a pupil's flag stands after a run: newly flagged, still flagged, or flagged before and no longer.</summary>
public enum EarlyWarningStatus
{
    New,
    Continuing,
    Cleared,
}

/// <summary>
/// One pupil's row in the EarlyWarnings table: whether they are flagged as of <see cref="AsOf"/>, the reasons that hold
/// with their evidence, and how the flag has moved. Only pupils flagged at some time have a row.
/// </summary>
/// <param name="Cohort">The pupil's intervention cohort names joined by commas, or empty.</param>
/// <param name="FirstFlaggedAt">When the pupil was first flagged; kept when a flag clears and comes back.</param>
/// <param name="LastChangedAt">When the status, the flag or the set of reasons last changed.</param>
public sealed record EarlyWarningFlag(
    string PupilKey,
    bool Flagged,
    IReadOnlyList<ReasonEvidence> Evidence,
    string NcYear,
    string Cohort,
    EarlyWarningStatus Status,
    DateTimeOffset FirstFlaggedAt,
    DateTimeOffset LastChangedAt,
    DateOnly AsOf)
{
    public IEnumerable<EarlyWarningReason> Reasons => Evidence.Select(e => e.Reason);

    /// <summary>The same row: equal fields and the same evidence in the same order.</summary>
    public bool SameAs(EarlyWarningFlag other) =>
        other is not null && this with { Evidence = [] } == other with { Evidence = [] } && Evidence.SequenceEqual(other.Evidence);

    /// <summary>
    /// The row after a run as of <paramref name="asOf"/> at <paramref name="now"/>, from the row before it (null if the pupil
    /// had none) and the pupil's assessment; null when there is still nothing to keep (never flagged). A run repeated
    /// as of the same date with the same data gives back the same row, so it writes nothing: a flag first seen as of that
    /// date stays New until a later as-of date finds it still holding.
    /// </summary>
    public static EarlyWarningFlag? Next(EarlyWarningFlag? previous, EarlyWarningAssessment assessment, string cohort, DateOnly asOf, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(cohort);
        if (previous is null)
        {
            return assessment.Flagged
                ? new EarlyWarningFlag(assessment.PupilKey, true, assessment.Reasons, assessment.NcYear, cohort, EarlyWarningStatus.New, now, now, asOf)
                : null;
        }

        var status = (assessment.Flagged, previous.Flagged) switch
        {
            (true, false) => EarlyWarningStatus.New,
            (true, true) => previous.AsOf == asOf ? previous.Status : EarlyWarningStatus.Continuing,
            (false, _) => EarlyWarningStatus.Cleared,
        };
        var changed = status != previous.Status || assessment.Flagged != previous.Flagged || !assessment.Reasons.Select(r => r.Reason).SequenceEqual(previous.Reasons);
        return new EarlyWarningFlag(assessment.PupilKey, assessment.Flagged, assessment.Reasons, assessment.NcYear, cohort, status,
            previous.FirstFlaggedAt, changed ? now : previous.LastChangedAt, asOf);
    }
}
