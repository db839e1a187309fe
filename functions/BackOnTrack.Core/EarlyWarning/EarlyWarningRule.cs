namespace BackOnTrack.Core.EarlyWarning;

/// <summary>One reason's rule: pure, over one pupil's history up to the as-of date.</summary>
public interface IEarlyWarningRule
{
    EarlyWarningReason Reason { get; }

    ReasonKind Kind { get; }

    /// <summary>The evidence when the reason holds as of <paramref name="asOf"/>; null when it does not.</summary>
    ReasonEvidence? Evaluate(PupilHistory pupil, DateOnly asOf);
}

/// <summary>Shared window arithmetic: a window of N days ending at the as-of date includes it and the N-1 days before.</summary>
internal static class Window
{
    public static bool Holds(DateOnly date, DateOnly asOf, int days) => date <= asOf && date > asOf.AddDays(-days);

    public static bool HoldsBefore(DateOnly date, DateOnly asOf, int days, int previousDays) =>
        date <= asOf.AddDays(-days) && date > asOf.AddDays(-days - previousDays);

    public static decimal Percent(int part, int whole) => Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);
}
