using BackOnTrack.Core.Metrics;

namespace BackOnTrack.Core.EarlyWarning;

/// <summary>At least N suspensions, not withdrawn, starting in the window.</summary>
public sealed class RepeatSuspensionsRule(int count, int days) : IEarlyWarningRule
{
    public EarlyWarningReason Reason => EarlyWarningReason.RepeatSuspensions;

    public ReasonKind Kind => ReasonKind.Behaviour;

    public ReasonEvidence? Evaluate(PupilHistory pupil, DateOnly asOf) =>
        ExclusionEvidence.AtLeast(Reason, pupil.Exclusions.Where(e => e is { Category: "FIXD", Withdrawn: false } && Window.Holds(e.StartDate, asOf, days)), count);
}

/// <summary>More suspensions in the recent window than in the one before it, with a minimum over both.</summary>
public sealed class SuspensionsRisingRule(int days, int minimum) : IEarlyWarningRule
{
    public EarlyWarningReason Reason => EarlyWarningReason.SuspensionsRising;

    public ReasonKind Kind => ReasonKind.Behaviour;

    public ReasonEvidence? Evaluate(PupilHistory pupil, DateOnly asOf)
    {
        var suspensions = pupil.Exclusions.Where(e => e is { Category: "FIXD", Withdrawn: false }).ToList();
        var recent = suspensions.Where(e => Window.Holds(e.StartDate, asOf, days)).ToList();
        var before = suspensions.Count(e => Window.HoldsBefore(e.StartDate, asOf, days, days));
        if (recent.Count <= before || recent.Count + before < minimum)
        {
            return null;
        }

        return new ReasonEvidence(Reason, Count: recent.Count, PreviousCount: before,
            First: recent.Min(e => e.StartDate), Last: recent.Max(e => e.StartDate));
    }
}

/// <summary>A permanent exclusion that was withdrawn, starting in the window: the school came close once.</summary>
public sealed class WithdrawnPermanentRule(int days) : IEarlyWarningRule
{
    public EarlyWarningReason Reason => EarlyWarningReason.WithdrawnPermanent;

    public ReasonKind Kind => ReasonKind.Behaviour;

    public ReasonEvidence? Evaluate(PupilHistory pupil, DateOnly asOf) =>
        ExclusionEvidence.AtLeast(Reason, pupil.Exclusions.Where(e => e is { Category: "PERM", Withdrawn: true } && Window.Holds(e.StartDate, asOf, days)), 1);
}

/// <summary>At least N lunchtime exclusions, not withdrawn, in the window.</summary>
public sealed class LunchtimeExclusionsRule(int count, int days) : IEarlyWarningRule
{
    public EarlyWarningReason Reason => EarlyWarningReason.LunchtimeExclusions;

    public ReasonKind Kind => ReasonKind.Behaviour;

    public ReasonEvidence? Evaluate(PupilHistory pupil, DateOnly asOf) =>
        ExclusionEvidence.AtLeast(Reason, pupil.Exclusions.Where(e => e is { Category: "LNCH", Withdrawn: false } && Window.Holds(e.StartDate, asOf, days)), count);
}

internal static class ExclusionEvidence
{
    public static ReasonEvidence? AtLeast(EarlyWarningReason reason, IEnumerable<ExclusionFact> matching, int count)
    {
        var list = matching.ToList();
        return list.Count >= count && list.Count > 0
            ? new ReasonEvidence(reason, Count: list.Count, First: list.Min(e => e.StartDate), Last: list.Max(e => e.StartDate))
            : null;
    }
}
