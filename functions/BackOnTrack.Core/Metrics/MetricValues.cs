namespace BackOnTrack.Core.Metrics;

/// <summary>
/// One Metrics row's measures, DfE's definitions: exclusion rates per 100 of the January census headcount,
/// absence rates per 100 possible sessions, persistent (≥ 10%) and severe (≥ 50%) absence per 100 enrolments. Rates
/// are unrounded and null when their denominator is 0 or unknown.
/// </summary>
public sealed record MetricValues
{
    public int? Headcount { get; init; }
    public int PermExcl { get; init; }

    /// <summary>Permanent exclusions that were withdrawn (not in <see cref="PermExcl"/>): the challenge to schools the board follows.</summary>
    public int WithdrawnPermExcl { get; init; }
    public int Susp { get; init; }
    public int OnePlusSusp { get; init; }
    public int SuspSessions { get; init; }
    public int Enrolments { get; init; }
    public long PossibleSessions { get; init; }
    public long AuthorisedSessions { get; init; }
    public long UnauthorisedSessions { get; init; }
    public int PersistentAbsentees { get; init; }
    public int SevereAbsentees { get; init; }

    public long AbsenceSessions => AuthorisedSessions + UnauthorisedSessions;
    public double? PermExclRate => Rate(PermExcl, Headcount);
    public double? SuspRate => Rate(Susp, Headcount);
    public double? OnePlusSuspRate => Rate(OnePlusSusp, Headcount);
    public double? OverallAbsenceRate => Rate(AbsenceSessions, PossibleSessions);
    public double? AuthorisedAbsenceRate => Rate(AuthorisedSessions, PossibleSessions);
    public double? UnauthorisedAbsenceRate => Rate(UnauthorisedSessions, PossibleSessions);
    public double? PersistentAbsenceRate => Rate(PersistentAbsentees, Enrolments);
    public double? SevereAbsenceRate => Rate(SevereAbsentees, Enrolments);

    /// <summary>Counts added (pupil counts are per school enrolment, so an LA figure is the schools' sum); headcount only when both know it.</summary>
    public MetricValues Plus(MetricValues other) => new()
    {
        Headcount = Headcount is { } a && other.Headcount is { } b ? a + b : null,
        PermExcl = PermExcl + other.PermExcl,
        WithdrawnPermExcl = WithdrawnPermExcl + other.WithdrawnPermExcl,
        Susp = Susp + other.Susp,
        OnePlusSusp = OnePlusSusp + other.OnePlusSusp,
        SuspSessions = SuspSessions + other.SuspSessions,
        Enrolments = Enrolments + other.Enrolments,
        PossibleSessions = PossibleSessions + other.PossibleSessions,
        AuthorisedSessions = AuthorisedSessions + other.AuthorisedSessions,
        UnauthorisedSessions = UnauthorisedSessions + other.UnauthorisedSessions,
        PersistentAbsentees = PersistentAbsentees + other.PersistentAbsentees,
        SevereAbsentees = SevereAbsentees + other.SevereAbsentees,
    };

    /// <summary>The measures of nothing: the start of a sum.</summary>
    public static MetricValues Zero(int? headcount) => new() { Headcount = headcount };

    private static double? Rate(long count, long? denominator) => denominator is > 0 ? 100.0 * count / denominator.Value : null;
}

/// <summary>One Metrics row: a period (AUT, SPR, SUM, YEAR) and a breakdown (All, Phase-…, NcYear-…, Cohort-…).</summary>
public sealed record MetricRow(string Period, string Breakdown, MetricValues Values);
