namespace BackOnTrack.Core.Benchmarks;

/// <summary>The column scheme of a DfE statistics file (docs/domain.md §DfE statistics files); the names are the DataDrops table's Layout values.</summary>
public enum BenchmarkScheme
{
    /// <summary>
    /// Exclusions as published up to 2020/21: <c>fixed_excl</c>, <c>one_plus_fixed</c> and their rates (the 2017
    /// release also <c>year</c>, <c>level</c>, <c>one_or_more_fixed_excl_rate</c>); phase in <c>school_type</c>.
    /// </summary>
    ExclusionsOld,

    /// <summary>Exclusions since 2021/22: <c>suspension</c>, <c>susp_rate</c>, <c>one_plus_susp</c>; phase in <c>education_phase</c>.</summary>
    ExclusionsCurrent,

    /// <summary>Pupil absence from the census: <c>sess_possible</c>, <c>sess_overall</c>, <c>enrolments_pa_10_exact</c>, ….</summary>
    Absence,

    /// <summary>
    /// Daily attendance (official statistics in development): <c>possible_sessions</c>, <c>overall_absence</c>,
    /// <c>pa_perc</c>; enrolments are averages over the days, and the figures are for the year to date.
    /// </summary>
    DailyAttendance,
}
