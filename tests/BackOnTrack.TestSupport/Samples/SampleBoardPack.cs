using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Prompts;
using BackOnTrack.Core.Returns;

namespace BackOnTrack.TestSamples;

/// <summary>
/// Realistic-looking rows for a board pack as of 13 December 2026: an LA shaped like the select-commission report's
/// (DfE's published figures for 2012/13–2016/17, the hub's own from 2023-24), a Back on Track style cohort, an
/// early-warning table, the strategy's six priorities and an autumn term's returns. Small numbers are placed on purpose
/// (a primary permanent exclusion, special-school counts, a two-pupil cohort school, a school with two flagged pupils).
/// </summary>
public static class SampleBoardPack
{
    public const string LocalAuthority = "Rotherham";
    public const string Region = "Yorkshire and the Humber";
    public static readonly DateOnly AsOf = new(2026, 12, 13);
    public static readonly DateTimeOffset DataAsOf = new(2026, 12, 13, 6, 40, 0, TimeSpan.Zero);

    public static AcademicYear Year(int start) => AcademicYear.StartingIn(start);

    public static BoardPackInput Input(bool withEarlyWarnings = true) => new(
        LocalAuthority,
        Region,
        AsOf,
        Metrics(),
        Benchmarks(),
        Cohorts(),
        Actions(),
        Returns(),
        Schools(),
        withEarlyWarnings ? EarlyWarnings() : null);

    // Hub years: (start year, perm by phase, susp by phase); phases Total, Primary, Secondary, Special, AP.
    private static readonly (int Year, int[] Perm, int[] Susp)[] ExclusionYears =
    [
        (2023, [61, 9, 50, 2, 3], [5320, 610, 4480, 230, 96]),
        (2024, [58, 8, 48, 2, 4], [5610, 640, 4720, 250, 104]),
        (2025, [52, 7, 44, 1, 2], [5180, 590, 4360, 230, 88]),
        (2026, [21, 1, 20, 0, 1], [2140, 273, 1810, 57, 41]),
    ];

    private static readonly int[] Headcounts = [44_520, 23_840, 19_080, 1_600, 262];
    private static readonly int[] Enrolments = [39_060, 20_480, 17_150, 1_430, 240];
    private static readonly string[] Breakdowns = ["All", "Phase-Primary", "Phase-Secondary", "Phase-Special", "Phase-AlternativeProvision"];

    // Absence by phase (overall %, persistent %, severe %) per year, and each term's share of the year's sessions.
    private static readonly double[][] Absence =
    [
        [7.1, 20.1, 2.3], [5.5, 15.0, 0.9], [9.0, 25.6, 4.0], [11.8, 34.0, 6.2], [31.0, 72.0, 30.0],
    ];

    public static IReadOnlyList<MetricRecord> Metrics()
    {
        var rows = new List<MetricRecord>();
        foreach (var (start, perm, susp) in ExclusionYears)
        {
            var year = Year(start);
            var drift = (start - 2023) * 0.15;
            var periods = start == 2026 ? new[] { "AUT", "YEAR" } : ["AUT", "SPR", "SUM", "YEAR"];
            foreach (var period in periods)
            {
                var share = period switch { "AUT" => start == 2026 ? 1.0 : 0.37, "SPR" => 0.33, "SUM" => 0.30, _ => 1.0 };
                var sessions = period switch { "AUT" => 140, "SPR" => 118, "SUM" => 122, _ => start == 2026 ? 140 : 380 };
                var termLift = period == "SPR" ? 0.4 : period == "SUM" ? 0.2 : 0.0;
                for (var p = 0; p < Breakdowns.Length; p++)
                {
                    var possible = (long)Enrolments[p] * sessions;
                    var absent = (long)Math.Round(possible * (Absence[p][0] + drift + termLift) / 100);
                    rows.Add(new MetricRecord("LA", year, period, Breakdowns[p], new MetricValues
                    {
                        Headcount = Headcounts[p],
                        PermExcl = (int)Math.Round(perm[p] * share),
                        Susp = (int)Math.Round(susp[p] * share),
                        OnePlusSusp = (int)Math.Round(susp[p] * share * 0.42),
                        SuspSessions = (int)Math.Round(susp[p] * share * 3.1),
                        WithdrawnPermExcl = start == 2026 && period is "AUT" or "YEAR" ? p switch { 0 => 13, 1 => 3, 2 => 10, _ => 0 } : 0,
                        Enrolments = Enrolments[p],
                        PossibleSessions = possible,
                        AuthorisedSessions = (long)Math.Round(absent * 0.64),
                        UnauthorisedSessions = absent - (long)Math.Round(absent * 0.64),
                        PersistentAbsentees = (int)Math.Round(Enrolments[p] * (Absence[p][1] + (2 * drift) + termLift) / 100),
                        SevereAbsentees = (int)Math.Round(Enrolments[p] * (Absence[p][2] + (drift / 2)) / 100),
                    }, start == 2026 ? DataAsOf : new DateTimeOffset(start + 1, 7, 31, 18, 0, 0, TimeSpan.Zero)));
                }
            }
        }

        // This year by NC year: the Y10/Y11 concern and the withdrawn exclusions (3 in Y1–2, 10 in Y7–11).
        (string Nc, int Perm, int Withdrawn, int Susp)[] ncYears =
        [
            ("R", 0, 0, 12), ("1", 0, 2, 20), ("2", 0, 1, 26), ("3", 0, 0, 38), ("4", 1, 0, 45), ("5", 0, 0, 60), ("6", 0, 0, 72),
            ("7", 1, 1, 262), ("8", 2, 2, 343), ("9", 3, 2, 417), ("10", 5, 3, 478), ("11", 9, 2, 367),
        ];
        foreach (var (nc, permanent, withdrawn, suspensions) in ncYears)
        {
            rows.Add(new MetricRecord("LA", Year(2026), "YEAR", "NcYear-" + nc, new MetricValues
            {
                PermExcl = permanent,
                WithdrawnPermExcl = withdrawn,
                Susp = suspensions,
                OnePlusSusp = (int)Math.Round(suspensions * 0.42),
            }, DataAsOf));
        }

        return rows;
    }

    public static IReadOnlyList<BenchmarkRecord> Benchmarks()
    {
        var rows = new List<BenchmarkRecord>();

        // The LA's own figures as DfE published them, as the select-commission report tabled them.
        (int Year, double Total, double Secondary, double Primary, double Susp, double Headcount)[] la =
        [
            (2012, 18, 10, 8, 2187, 42_300), (2013, 30, 24, 6, 2482, 42_650), (2014, 55, 48, 7, 4200, 43_010),
            (2015, 52, 43, 9, 4215, 43_400), (2016, 38, 31, 7, 3610, 43_780),
        ];
        foreach (var (start, total, secondary, primary, susp, headcount) in la)
        {
            rows.Add(new BenchmarkRecord(Year(start), BenchmarkPeriod.Year, BenchmarkLevel.LA, LocalAuthority, BenchmarkPhase.All)
            {
                PermExcl = total,
                Susp = susp,
                PermExclRate = 100 * total / headcount,
                SuspRate = 100 * susp / headcount,
                PermExclRank = start switch { 2014 => new BenchmarkRank(131, 152), 2015 => new BenchmarkRank(108, 152), 2016 => new BenchmarkRank(97, 152), _ => null },
                SuspRank = start switch { 2014 => new BenchmarkRank(150, 152), 2015 => new BenchmarkRank(147, 152), 2016 => new BenchmarkRank(139, 152), _ => null },
            });
            rows.Add(new BenchmarkRecord(Year(start), BenchmarkPeriod.Year, BenchmarkLevel.LA, LocalAuthority, BenchmarkPhase.Primary) { PermExcl = primary });
            rows.Add(new BenchmarkRecord(Year(start), BenchmarkPeriod.Year, BenchmarkLevel.LA, LocalAuthority, BenchmarkPhase.Secondary) { PermExcl = secondary });
        }

        // England and Yorkshire and The Humber (DfE spells it both ways; names match ignoring case).
        (int Year, double EnglandPerm, double EnglandSusp, double RegionPerm, double RegionSusp)[] areas =
        [
            (2014, 0.07, 3.88, 0.06, 5.28), (2015, 0.08, 4.29, 0.07, 6.19), (2016, 0.10, 4.76, 0.07, 7.22),
        ];
        foreach (var (start, englandPerm, englandSusp, regionPerm, regionSusp) in areas)
        {
            rows.Add(new BenchmarkRecord(Year(start), BenchmarkPeriod.Year, BenchmarkLevel.National, "England", BenchmarkPhase.All) { PermExclRate = englandPerm, SuspRate = englandSusp });
            rows.Add(new BenchmarkRecord(Year(start), BenchmarkPeriod.Year, BenchmarkLevel.Region, "Yorkshire and The Humber", BenchmarkPhase.All) { PermExclRate = regionPerm, SuspRate = regionSusp });
        }

        // Absence statistics: England 2023/24 (7.1% overall, 20.0% persistent, 2.3% severe).
        rows.Add(new BenchmarkRecord(Year(2023), BenchmarkPeriod.Year, BenchmarkLevel.National, "England", BenchmarkPhase.All) { OverallAbsenceRate = 7.1, PersistentAbsenceRate = 20.0, SevereAbsenceRate = 2.3 });
        rows.Add(new BenchmarkRecord(Year(2023), BenchmarkPeriod.Year, BenchmarkLevel.Region, "Yorkshire and The Humber", BenchmarkPhase.All) { OverallAbsenceRate = 7.4, PersistentAbsenceRate = 21.3, SevereAbsenceRate = 2.4 });
        rows.Add(new BenchmarkRecord(Year(2023), BenchmarkPeriod.Year, BenchmarkLevel.LA, LocalAuthority, BenchmarkPhase.All) { OverallAbsenceRate = 7.3, PersistentAbsenceRate = 20.9, SevereAbsenceRate = 2.5 });
        return rows;
    }

    public static IReadOnlyList<CohortOutcomeRecord> Cohorts() =>
    [
        new("Back-on-Track-2025", new CohortOutcome("LA", 64, 627, 376, 1880, 1130, 82.4, 86.1, 59, 22)),
        new("Back-on-Track-2025", new CohortOutcome("3724001", 24, 241, 139, 722, 410, 80.9, 85.7, 22, 9)),
        new("Back-on-Track-2025", new CohortOutcome("3724002", 20, 198, 121, 590, 366, 83.0, 86.0, 19, 7)),
        new("Back-on-Track-2025", new CohortOutcome("3724003", 18, 176, 114, 540, 342, 83.6, 86.8, 16, 5)),
        new("Back-on-Track-2025", new CohortOutcome("3722010", 2, 12, 2, 28, 12, 78.0, 84.0, 2, 1)),
        new("SEMH-Hub-Pilot", new CohortOutcome("LA", 31, 188, 141, 520, 404, 84.7, 85.9, 28, 12)),
        new("SEMH-Hub-Pilot", new CohortOutcome("3724001", 17, 102, 80, 290, 226, 84.1, 85.2, 15, 6)),
        new("SEMH-Hub-Pilot", new CohortOutcome("3724004", 14, 86, 61, 230, 178, 85.4, 86.7, 13, 6)),
    ];

    public static IReadOnlyList<RegisteredSchool> Schools() =>
    [
        new(Year(2026), "3724001", "Wingfield Academy", "Secondary"),
        new(Year(2026), "3724002", "Oakwood High School", "Secondary"),
        new(Year(2026), "3724003", "Maltby Academy", "Secondary"),
        new(Year(2026), "3724004", "Clifton Community School", "Secondary"),
        new(Year(2026), "3722010", "Thrybergh Fullerton C of E Primary", "Primary"),
        new(Year(2026), "3722011", "Badsley Primary School", "Primary"),
        new(Year(2026), "3722012", "Herringthorpe Junior School", "Primary"),
        new(Year(2026), "3727001", "Milton School", "Special"),
        new(Year(2026), "3721100", "Aspire Pupil Referral Unit", "AlternativeProvision"),
    ];

    public static IReadOnlyList<EarlyWarningRecord> EarlyWarnings()
    {
        var rows = new List<EarlyWarningRecord>();
        void Add(string laestab, int count, params string[] reasons)
        {
            for (var i = 0; i < count; i++)
            {
                rows.Add(new EarlyWarningRecord(laestab, true, reasons));
            }
        }

        Add("3724001", 6, "RepeatSuspensions", "PersistentAbsence");
        Add("3724001", 4, "SuspensionsRising", "AttendanceFalling");
        Add("3724001", 3, "RepeatSuspensions", "SevereAbsence", "PartTimeTimetable");
        Add("3724002", 5, "RepeatSuspensions", "PersistentAbsence");
        Add("3724002", 4, "WithdrawnPermanent", "AttendanceFalling");
        Add("3724003", 7, "SuspensionsRising", "PersistentAbsence");
        Add("3722011", 2, "RepeatSuspensions", "PersistentAbsence");
        rows.Add(new EarlyWarningRecord("3722012", false, ["PersistentAbsence"]));
        return rows;
    }

    public static IReadOnlyList<PlannedAction> Actions()
    {
        (string Key, int Priority, string Title, ActionStatus Status, DateOnly? Due, string[] Owners)[] actions =
        [
            ("1.6", 1, "Develop timelines for successful sufficiency bids", ActionStatus.Complete, new(2026, 7, 31), ["SEND Sufficiency Group"]),
            ("1.7", 1, "New specialist provision becomes operational", ActionStatus.InProgress, new(2026, 10, 30), ["Head of Inclusion", "SEND Sufficiency Group"]),
            ("1.8", 1, "Review AP places against demand", ActionStatus.InProgress, new(2027, 3, 31), ["Head of Inclusion"]),
            ("2.2", 2, "Training for Education Mental Health Practitioners (including school placements)", ActionStatus.InProgress, new(2026, 12, 18), ["CAMHS Service Manager"]),
            ("2.3", 2, "Publish the behaviour pathway, including responses to attachment and trauma", ActionStatus.NotStarted, new(2026, 11, 30), ["Head of Inclusion"]),
            ("2.4", 2, "Agree the graduated response for SEMH with schools", ActionStatus.Complete, new(2026, 9, 30), ["Head of Inclusion"]),
            ("3.1", 3, "Inclusion partnerships moderate referrals to Aspire", ActionStatus.InProgress, new(2027, 2, 28), ["Partnership Chairs"]),
            ("3.2", 3, "Peer challenge where a permanent exclusion is considered", ActionStatus.InProgress, new(2026, 12, 20), ["Partnership Chairs", "EOTAS Manager"]),
            ("3.3", 3, "Share exclusion data with partnerships each half-term", ActionStatus.Complete, new(2026, 10, 23), ["Data Manager"]),
            ("4.1", 4, "Review Inclusion Services and agree evidence-based programmes for each team", ActionStatus.InProgress, new(2026, 9, 30), ["Head of Inclusion"]),
            ("4.2", 4, "Evaluate the Back on Track approach in the SEND locality hubs", ActionStatus.NotStarted, new(2027, 4, 30), ["Principal Educational Psychologist"]),
            ("5.1", 5, "SEMH training offer for school staff across age groups", ActionStatus.Complete, new(2026, 11, 15), ["Workforce Development Lead"]),
            ("5.2", 5, "Nurture and attachment training for primary schools", ActionStatus.InProgress, new(2026, 10, 31), ["Workforce Development Lead"]),
            ("5.3", 5, "Trauma-informed practice for secondary pastoral leads", ActionStatus.NotStarted, new(2027, 1, 31), ["Workforce Development Lead"]),
            ("6.1", 6, "Outcomes framework for the SEMH strategy", ActionStatus.InProgress, new(2026, 12, 1), ["Strategy Lead"]),
            ("6.2", 6, "Value-for-money review of commissioned SEMH places", ActionStatus.NotStarted, null, ["Commissioning Manager"]),
        ];
        string[] titles =
        [
            "Sufficiency", "Seamless Pathways", "Partnerships", "Evidence-Based Approaches", "Workforce", "Outcomes Focused and Value for Money",
        ];
        return
        [
            .. actions.Select((a, i) => new PlannedAction("semh-action-plan", new StoredAction(
                new PlanAction(a.Key, a.Key, a.Priority, titles[a.Priority - 1], a.Title, a.Status, null, a.Due?.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "Ongoing",
                    a.Due, [], a.Owners, [], 5 + i),
                a.Status, null, RemovedFromPlan: false))),
        ];
    }

    public static TermReturns Returns()
    {
        var received = new List<ReceivedDrop>();
        void Drop(string laestab, string kind, DropStatus status, int day) =>
            received.Add(new ReceivedDrop(laestab, $"{laestab}-{kind}-{day}", $"drops/{laestab}/{kind}.csv", kind, status,
                new DateTimeOffset(2026, 11, day, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, day, 9, 1, 0, TimeSpan.Zero), 100));

        Drop("3724001", "Exclusions", DropStatus.Processed, 2);
        Drop("3724001", "AttendanceMarks", DropStatus.Processed, 2);
        Drop("3724002", "Exclusions", DropStatus.Processed, 4);
        Drop("3724003", "Exclusions", DropStatus.Processed, 5);
        Drop("3724004", "Exclusions", DropStatus.Processed, 9);
        Drop("3722010", "AttendanceSummary", DropStatus.Processed, 10);
        Drop("3722011", "Exclusions", DropStatus.Rejected, 16);
        Drop("3727001", "Exclusions", DropStatus.Processed, 18);
        return ReturnsTracker.ForTerm(Schools(), received, Year(2026), Period.Autumn);
    }
}
