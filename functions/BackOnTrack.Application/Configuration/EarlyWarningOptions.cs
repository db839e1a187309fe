using System.ComponentModel.DataAnnotations;
using BackOnTrack.Core.EarlyWarning;

namespace BackOnTrack.Application.Configuration;

/// <summary>The early-warning rules' thresholds and windows (section <c>EarlyWarning</c>); day windows end at the as-of date.</summary>
public sealed class EarlyWarningOptions : IValidatableObject
{
    public const string SectionName = "EarlyWarning";

    [Range(1, 100)]
    public int RepeatSuspensionsCount { get; set; } = 2;

    [Range(1, 3650)]
    public int RepeatSuspensionsDays { get; set; } = 90;

    [Range(1, 3650)]
    public int SuspensionsRisingDays { get; set; } = 90;

    [Range(1, 100)]
    public int SuspensionsRisingMinimum { get; set; } = 2;

    [Range(1, 3650)]
    public int WithdrawnPermanentDays { get; set; } = 365;

    [Range(1, 100)]
    public int LunchtimeExclusionsCount { get; set; } = 2;

    [Range(1, 3650)]
    public int LunchtimeExclusionsDays { get; set; } = 90;

    [Range(1, 1000)]
    public int FallingRecentSessions { get; set; } = 40;

    [Range(1, 1000)]
    public int FallingBaselineSessions { get; set; } = 120;

    [Range(1, 1000)]
    public int FallingMinimumBaselineSessions { get; set; } = 60;

    [Range(typeof(decimal), "0.1", "100")]
    public decimal FallingPoints { get; set; } = 10m;

    [Range(typeof(decimal), "0.1", "100")]
    public decimal PersistentAbsencePercent { get; set; } = 10m;

    [Range(typeof(decimal), "0.1", "100")]
    public decimal SevereAbsencePercent { get; set; } = 50m;

    [Range(1, 1000)]
    public int PartTimeSessions { get; set; } = 40;

    /// <summary>Reason codes, joined by commas, that flag a pupil on their own; empty: the flag needs both kinds.</summary>
    public string SufficientAlone { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var code in Codes(SufficientAlone))
        {
            if (!Enum.TryParse<EarlyWarningReason>(code, ignoreCase: false, out _) || int.TryParse(code, out _))
            {
                yield return new ValidationResult($"'{code}' is not an early-warning reason (one of {string.Join(", ", Enum.GetNames<EarlyWarningReason>())}).", [nameof(SufficientAlone)]);
            }
        }

        if (FallingMinimumBaselineSessions > FallingBaselineSessions)
        {
            yield return new ValidationResult("The minimum baseline cannot exceed the baseline it is counted in.", [nameof(FallingMinimumBaselineSessions)]);
        }
    }

    /// <summary>The thresholds the Core rules take; call only on validated options.</summary>
    public EarlyWarningThresholds ToThresholds() => new()
    {
        RepeatSuspensionsCount = RepeatSuspensionsCount,
        RepeatSuspensionsDays = RepeatSuspensionsDays,
        SuspensionsRisingDays = SuspensionsRisingDays,
        SuspensionsRisingMinimum = SuspensionsRisingMinimum,
        WithdrawnPermanentDays = WithdrawnPermanentDays,
        LunchtimeExclusionsCount = LunchtimeExclusionsCount,
        LunchtimeExclusionsDays = LunchtimeExclusionsDays,
        FallingRecentSessions = FallingRecentSessions,
        FallingBaselineSessions = FallingBaselineSessions,
        FallingMinimumBaselineSessions = FallingMinimumBaselineSessions,
        FallingPoints = FallingPoints,
        PersistentAbsencePercent = PersistentAbsencePercent,
        SevereAbsencePercent = SevereAbsencePercent,
        PartTimeSessions = PartTimeSessions,
        SufficientAlone = Codes(SufficientAlone).Select(Enum.Parse<EarlyWarningReason>).ToHashSet(),
    };

    private static string[] Codes(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
