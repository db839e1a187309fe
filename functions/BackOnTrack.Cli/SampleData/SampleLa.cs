using BackOnTrack.Core.Schools;

namespace BackOnTrack.Cli.SampleData;

/// <summary>
/// The sample LA: Rotherham's LA code (372) with six invented schools, three primary, two secondary and a pupil
/// referral unit, each with 30–120 pupils. Exclusion counts are set to give rates of the order DfE publishes
/// (docs/domain.md §Rates: suspensions a few per hundred pupils in primary, around twenty in secondary, more in a PRU).
/// </summary>
internal static class SampleLa
{
    /// <summary>Rotherham (docs/domain.md §Establishments); UPNs are allocated under it too.</summary>
    public const string LaCode = "372";

    /// <summary>The cohort the LA-wide cohort file lists.</summary>
    public const string Cohort = "Back-on-Track";

    /// <summary>Other primaries of the LA, which allocated the UPNs of pupils now at secondary school or the PRU.</summary>
    public static readonly IReadOnlyList<string> FeederPrimaries = ["2001", "2002", "2003", "2011", "2017", "2024", "2031", "2046", "2052", "2068"];

    public static readonly IReadOnlyList<SchoolPlan> Schools =
    [
        new("2001", "106901", "Oakwood Lane Primary School", SchoolPhase.Primary, "PS",
            PrimaryYears(12), Joiners: 1, TemporaryUpns: 0, Leavers: 1,
            new ExclusionPlan(Suspensions: 3, SuspendedPupils: 2, Lunchtime: 1, Permanent: 0, RescindedPermanent: 0, WithdrawnSuspensions: 0),
            ExclusionsLayout.LaTemplate, [],
            AttendanceLayout.LongForm, [BadRowKind.DuplicateRow, BadRowKind.WrongCheckLetter, BadRowKind.NoMarkEntered]),
        new("2002", "106902", "St Aidan's CE Primary School", SchoolPhase.Primary, "Primary",
            PrimaryYears(9), Joiners: 0, TemporaryUpns: 0, Leavers: 0,
            new ExclusionPlan(Suspensions: 2, SuspendedPupils: 2, Lunchtime: 0, Permanent: 0, RescindedPermanent: 0, WithdrawnSuspensions: 0),
            ExclusionsLayout.MisWithDaysAndDescriptions, [],
            AttendanceLayout.WideFormWithNames, [BadRowKind.WrongCheckLetter]),
        new("2003", "106903", "Hollybank Primary Academy", SchoolPhase.Primary, "PS",
            PrimaryYears(6), Joiners: 1, TemporaryUpns: 1, Leavers: 0,
            new ExclusionPlan(Suspensions: 1, SuspendedPupils: 1, Lunchtime: 1, Permanent: 0, RescindedPermanent: 0, WithdrawnSuspensions: 0),
            ExclusionsLayout.ShortWithIsoDates, [],
            AttendanceLayout.LongFormMisHeadings, [BadRowKind.FutureDate, BadRowKind.UnknownMarkCode]),
        new("4001", "137401", "Castle Hill Academy", SchoolPhase.Secondary, "SS",
            [(7, 24), (8, 24), (9, 24), (10, 24), (11, 24)], Joiners: 0, TemporaryUpns: 0, Leavers: 0,
            new ExclusionPlan(Suspensions: 26, SuspendedPupils: 14, Lunchtime: 0, Permanent: 1, RescindedPermanent: 1, WithdrawnSuspensions: 0),
            ExclusionsLayout.TitledWorkbookWithNames, [BadRowKind.WrongCheckLetter, BadRowKind.UnknownReasonCode],
            AttendanceLayout.LongFormWorkbook, [BadRowKind.DuplicateRow]),
        new("4002", "106904", "Meadowbank Community School", SchoolPhase.Secondary, "Secondary",
            [(7, 17), (8, 17), (9, 17), (10, 17), (11, 17), (12, 8), (13, 7)], Joiners: 1, TemporaryUpns: 0, Leavers: 0,
            new ExclusionPlan(Suspensions: 20, SuspendedPupils: 11, Lunchtime: 0, Permanent: 1, RescindedPermanent: 0, WithdrawnSuspensions: 1),
            ExclusionsLayout.DfeNumberWithStatus, [BadRowKind.ZeroSessionSuspension, BadRowKind.FutureDate, BadRowKind.DuplicateRow],
            AttendanceLayout.Summary, [BadRowKind.CountsDoNotAddUp]),
        new("1100", "131100", "Beacon Learning Centre", SchoolPhase.AlternativeProvision, "PR",
            [(5, 1), (6, 2), (7, 3), (8, 5), (9, 6), (10, 7), (11, 6)], Joiners: 3, TemporaryUpns: 1, Leavers: 1,
            new ExclusionPlan(Suspensions: 12, SuspendedPupils: 7, Lunchtime: 1, Permanent: 0, RescindedPermanent: 0, WithdrawnSuspensions: 0),
            ExclusionsLayout.LongMisHeadings, [],
            AttendanceLayout.WideFormWorkbook, [BadRowKind.MissingNcYear]),
    ];

    private static (int Year, int Pupils)[] PrimaryYears(int perYear) =>
        [.. Enumerable.Range(0, 7).Select(year => (year, perYear))];
}
