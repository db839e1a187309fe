using System.ComponentModel.DataAnnotations;

namespace BackOnTrack.Application.Configuration;

/// <summary>How long the tables keep personal data (section <c>Retention</c>); raw files are under <see cref="IngestOptions"/>.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Pupil rows (Exclusions, Attendance, Cohorts) are deleted once the academic year they describe ended more than
    /// this many years ago. Aggregate figures (Metrics, CohortOutcomes) are kept.
    /// </summary>
    [Range(1, 100)]
    public int PupilDataYears { get; set; } = 7;
}
