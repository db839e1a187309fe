namespace BackOnTrack.Core.Benchmarks;

/// <summary>The counts DfE publishes that the hub keeps; the names are Benchmarks property names (docs/architecture.md §Storage).</summary>
public enum BenchmarkCount
{
    /// <summary>Pupils on roll at the January census: the denominator of exclusion rates.</summary>
    Headcount,
    PermExcl,

    /// <summary>Suspensions (fixed-period exclusions before 2021/22): events, not pupils.</summary>
    Susp,

    /// <summary>Pupils with at least one suspension.</summary>
    OnePlusSusp,

    /// <summary>Pupil enrolments: the denominator of persistent and severe absence rates.</summary>
    Enrolments,
    PossibleSessions,

    /// <summary>Overall absence: authorised plus unauthorised sessions.</summary>
    AbsenceSessions,
    AuthorisedSessions,
    UnauthorisedSessions,

    /// <summary>Enrolments missing 10% or more of their possible sessions.</summary>
    PersistentAbsentees,

    /// <summary>Enrolments missing 50% or more of their possible sessions.</summary>
    SevereAbsentees,
}

/// <summary>The rates the hub keeps, percentages 0–100; the names are Benchmarks property names (docs/architecture.md §Storage).</summary>
public enum BenchmarkRate
{
    PermExclRate,
    SuspRate,
    OnePlusSuspRate,
    OverallAbsenceRate,
    AuthorisedAbsenceRate,
    UnauthorisedAbsenceRate,
    PersistentAbsenceRate,
    SevereAbsenceRate,
}

/// <summary>How each measure is found in DfE's files and how each rate is built (docs/domain.md §Rates, §Absence measures, §DfE statistics files).</summary>
public static class BenchmarkMeasures
{
    /// <summary>The Benchmarks property holding the rate exactly as DfE published it (rounded), e.g. <c>PublishedSuspRate</c>.</summary>
    public static string PublishedProperty(this BenchmarkRate rate) => "Published" + rate;

    /// <summary>True for the exclusion counts; the others (bar Headcount) are absence measures.</summary>
    public static bool IsExclusion(this BenchmarkCount count) => count is BenchmarkCount.PermExcl or BenchmarkCount.Susp or BenchmarkCount.OnePlusSusp;

    /// <summary>The count over the denominator (× 100) that makes the rate.</summary>
    public static (BenchmarkCount Count, BenchmarkCount Denominator) Terms(this BenchmarkRate rate) => rate switch
    {
        BenchmarkRate.PermExclRate => (BenchmarkCount.PermExcl, BenchmarkCount.Headcount),
        BenchmarkRate.SuspRate => (BenchmarkCount.Susp, BenchmarkCount.Headcount),
        BenchmarkRate.OnePlusSuspRate => (BenchmarkCount.OnePlusSusp, BenchmarkCount.Headcount),
        BenchmarkRate.OverallAbsenceRate => (BenchmarkCount.AbsenceSessions, BenchmarkCount.PossibleSessions),
        BenchmarkRate.AuthorisedAbsenceRate => (BenchmarkCount.AuthorisedSessions, BenchmarkCount.PossibleSessions),
        BenchmarkRate.UnauthorisedAbsenceRate => (BenchmarkCount.UnauthorisedSessions, BenchmarkCount.PossibleSessions),
        BenchmarkRate.PersistentAbsenceRate => (BenchmarkCount.PersistentAbsentees, BenchmarkCount.Enrolments),
        BenchmarkRate.SevereAbsenceRate => (BenchmarkCount.SevereAbsentees, BenchmarkCount.Enrolments),
        _ => throw new ArgumentOutOfRangeException(nameof(rate), rate, "Not a benchmark rate."),
    };

    /// <summary>
    /// A count's column headings across DfE's schemes, compared as normalised text (case, underscores ignored); the
    /// first found wins. Current EES names first, then the pre-2021/22 exclusion names and the daily attendance names.
    /// </summary>
    internal static IReadOnlyList<string> Headings(BenchmarkCount count) => count switch
    {
        BenchmarkCount.Headcount => ["headcount"],
        BenchmarkCount.PermExcl => ["permexcl"],
        BenchmarkCount.Susp => ["suspension", "fixedexcl"],
        BenchmarkCount.OnePlusSusp => ["oneplussusp", "oneplusfixed"],
        BenchmarkCount.Enrolments => ["enrolments"],
        BenchmarkCount.PossibleSessions => ["sesspossible", "possiblesessions"],
        BenchmarkCount.AbsenceSessions => ["sessoverall", "overallabsence"],
        BenchmarkCount.AuthorisedSessions => ["sessauthorised", "authorisedabsence"],
        BenchmarkCount.UnauthorisedSessions => ["sessunauthorised", "unauthorisedabsence"],
        BenchmarkCount.PersistentAbsentees => ["enrolmentspa10exact"],
        BenchmarkCount.SevereAbsentees => ["enrolmentspa50exact"],
        _ => throw new ArgumentOutOfRangeException(nameof(count), count, "Not a benchmark count."),
    };

    /// <summary>A published rate's column headings across DfE's schemes (see <see cref="Headings(BenchmarkCount)"/>).</summary>
    internal static IReadOnlyList<string> Headings(BenchmarkRate rate) => rate switch
    {
        BenchmarkRate.PermExclRate => ["permexclrate"],
        BenchmarkRate.SuspRate => ["susprate", "fixedexclrate"],
        BenchmarkRate.OnePlusSuspRate => ["oneplussusprate", "oneplusfixedrate", "oneormorefixedexclrate"],
        BenchmarkRate.OverallAbsenceRate => ["sessoverallpercent", "overallabsenceperc"],
        BenchmarkRate.AuthorisedAbsenceRate => ["sessauthorisedpercent", "authorisedabsenceperc"],
        BenchmarkRate.UnauthorisedAbsenceRate => ["sessunauthorisedpercent", "unauthorisedabsenceperc"],
        BenchmarkRate.PersistentAbsenceRate => ["enrolmentspa10exactpercent", "paperc"],
        BenchmarkRate.SevereAbsenceRate => ["enrolmentspa50exactpercent"],
        _ => throw new ArgumentOutOfRangeException(nameof(rate), rate, "Not a benchmark rate."),
    };
}
