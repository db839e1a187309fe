using System.Globalization;
using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Prompts;
using BackOnTrack.Core.Tracker;

namespace BackOnTrack.Core.BoardPack;

/// <summary>
/// Builds the board pack (docs/architecture.md §Board pack) from the rows the hub's tables hold, pure: the same rows give the same pack.
/// Counts of pupils or events of 1 or 2, and figures built on them, are suppressed (<see cref="FigureRows.IsSmall"/>)
/// wherever they appear; DfE's published figures are shown as DfE published them.
/// </summary>
public static class BoardPackBuilder
{
    public const string LaScope = "LA";

    /// <summary>The early-warning reasons in the order docs/architecture.md §Early warning lists them.</summary>
    public static IReadOnlyList<string> EarlyWarningReasons { get; } =
    [
        "RepeatSuspensions", "SuspensionsRising", "WithdrawnPermanent", "LunchtimeExclusions",
        "AttendanceFalling", "PersistentAbsence", "SevereAbsence", "PartTimeTimetable",
    ];

    private static readonly Period[] Terms = [Period.Autumn, Period.Spring, Period.Summer];

    public static BoardPackModel Build(BoardPackInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = AcademicYear.FromDate(input.AsOf);
        var last = AcademicYear.StartingIn(current.StartYear - 1);
        var metrics = new MetricIndex(input.Metrics.Where(m => m.Scope == LaScope && m.Year <= current));
        var benchmarks = new BenchmarkIndex(input.Benchmarks, input.LocalAuthority, input.Region);
        var names = SchoolNames(input);

        return new BoardPackModel(
            input.LocalAuthority,
            input.Region,
            input.AsOf,
            current,
            last,
            Sources(metrics, input.Benchmarks),
            Headlines(metrics, benchmarks, current, last),
            Trend(metrics, benchmarks, current),
            ByNcYear(metrics, current),
            Attendance(metrics, current, last),
            Cohorts(input.Cohorts, names, input.LocalAuthority),
            input.EarlyWarnings is { } warnings ? EarlyWarnings(warnings, names) : null,
            ActionPlan(input.Actions, input.AsOf),
            Returns(input, current));
    }

    /// <summary>The breakdown of a phase in Metrics RowKeys: <c>All</c> or <c>Phase-…</c>.</summary>
    public static string Breakdown(PackPhase phase) => phase == PackPhase.Total ? SchoolMetrics.All : "Phase-" + phase;

    /// <summary>DfE writes academic years <c>2016/17</c>.</summary>
    public static string DfeYear(AcademicYear year) => year.ToString().Replace('-', '/');

    private static PackSources Sources(MetricIndex metrics, IReadOnlyList<BenchmarkRecord> benchmarks)
    {
        var latest = metrics.All.Select(m => m.DataAsOf).OfType<DateTimeOffset>().Select(d => (DateTimeOffset?)d).Max();
        DateOnly? dataTo = latest is { } at ? UkCalendar.Today(at) : null;
        var exclusions = benchmarks.Where(b => b.HasExclusions).Select(b => (AcademicYear?)b.Year).Max();
        var absence = benchmarks.Where(b => b.HasAbsence).Select(b => (AcademicYear?)b.Year).Max();
        var parts = new List<string>
        {
            dataTo is { } d ? $"school data drops to {d.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}" : "no school data drops yet",
            exclusions is { } e ? $"DfE exclusions statistics {DfeYear(e)}" : "no DfE exclusions statistics held",
        };
        if (absence is { } a)
        {
            parts.Add($"DfE absence statistics {DfeYear(a)}");
        }

        return new PackSources(dataTo, exclusions, absence, "Source: " + string.Join("; ", parts));
    }

    private sealed record Measure(
        string Name,
        Func<MetricRecord, PackFigure> Hub,
        Func<BenchmarkRecord, double?> Published,
        string Property,
        Func<BenchmarkRecord, BenchmarkRank?>? Rank,
        string? RankProperty);

    private static readonly Measure[] HeadlineMeasures =
    [
        new("Permanent exclusion rate", m => PackFigure.Rate(m.Values.PermExclRate, m.Values.PermExcl, m.Values.Headcount, m.Ref("PermExclRate")),
            b => b.PermExclRate, "PermExclRate", b => b.PermExclRank, "PermExclRank"),
        new("Suspension rate", m => PackFigure.Rate(m.Values.SuspRate, m.Values.Susp, m.Values.Headcount, m.Ref("SuspRate")),
            b => b.SuspRate, "SuspRate", b => b.SuspRank, "SuspRank"),
        new("Overall absence rate", m => PackFigure.Rate(m.Values.OverallAbsenceRate, m.Values.AbsenceSessions, m.Values.PossibleSessions, m.Ref("OverallAbsenceRate")),
            b => b.OverallAbsenceRate, "OverallAbsenceRate", null, null),
        new("Persistent absence rate", m => PackFigure.Rate(m.Values.PersistentAbsenceRate, m.Values.PersistentAbsentees, m.Values.Enrolments, m.Ref("PersistentAbsenceRate")),
            b => b.PersistentAbsenceRate, "PersistentAbsenceRate", null, null),
    ];

    private static HeadlineSection Headlines(MetricIndex metrics, BenchmarkIndex benchmarks, AcademicYear current, AcademicYear last)
    {
        // The latest term of this year with figures, compared with the same term last year.
        Period? term = Terms.Where(t => metrics.Find(current, t.ToCode(), SchoolMetrics.All) is not null).Select(t => (Period?)t).LastOrDefault();
        var notes = new List<string>();
        var rows = new List<HeadlineRow>();
        foreach (var measure in HeadlineMeasures)
        {
            PackFigure Hub(AcademicYear year, string period) =>
                metrics.Find(year, period, SchoolMetrics.All) is { } row ? measure.Hub(row)
                : PackFigure.Missing(FigureKind.Rate, new RowRef("Metrics", LaScope, $"{year}_{period}_{SchoolMetrics.All}", measure.Property));

            var england = benchmarks.England(last, BenchmarkPhase.All);
            var region = benchmarks.Region(last, BenchmarkPhase.All);
            var home = benchmarks.Home(last, BenchmarkPhase.All);
            var thisTerm = term is { } t ? Hub(current, t.ToCode()) : PackFigure.Missing(FigureKind.Rate, null);
            var lastTerm = term is { } u ? Hub(last, u.ToCode()) : PackFigure.Missing(FigureKind.Rate, null);
            rows.Add(new HeadlineRow(
                measure.Name,
                Hub(current, "YEAR"),
                Hub(last, "YEAR"),
                PublishedOf(england, measure.Published, measure.Property, BenchmarkIndex.EnglandRef(last, measure.Property)),
                PublishedOf(region, measure.Published, measure.Property, benchmarks.RegionRef(last, measure.Property)),
                measure.Rank is { } rank ? RankOf(home, rank, measure.RankProperty!, benchmarks.HomeRef(last, measure.RankProperty!)) : PackFigure.Missing(FigureKind.Rank, null),
                thisTerm,
                lastTerm,
                PackFigure.Change(thisTerm, lastTerm)));
        }

        if (!benchmarks.HasYear(last))
        {
            notes.Add($"DfE has published no figures for {last} yet, so England, the region and the rank are shown for the latest year DfE has published, below.");
        }

        if (term is { } compared)
        {
            notes.Add($"Change on last year: {TermName(compared)} term {current} against {TermName(compared)} term {last}, in percentage points.");
        }

        var comparison = Comparison(benchmarks);
        if (comparison is null)
        {
            notes.Add("The hub holds no DfE statistics yet, so there is no comparison with England or the region.");
        }

        return new HeadlineSection(term, rows, comparison, notes);
    }

    private static BenchmarkComparison? Comparison(BenchmarkIndex benchmarks)
    {
        var rows = new List<ComparisonRow>();
        foreach (var measure in HeadlineMeasures)
        {
            var year = benchmarks.LatestYearWith(b => measure.Published(b) is not null);
            if (year is not { } y)
            {
                continue;
            }

            var home = benchmarks.Home(y, BenchmarkPhase.All);
            rows.Add(new ComparisonRow(
                measure.Name,
                y,
                PublishedOf(home, measure.Published, measure.Property, benchmarks.HomeRef(y, measure.Property)),
                PublishedOf(benchmarks.England(y, BenchmarkPhase.All), measure.Published, measure.Property, BenchmarkIndex.EnglandRef(y, measure.Property)),
                PublishedOf(benchmarks.Region(y, BenchmarkPhase.All), measure.Published, measure.Property, benchmarks.RegionRef(y, measure.Property)),
                measure.Rank is { } rank ? RankOf(home, rank, measure.RankProperty!, benchmarks.HomeRef(y, measure.RankProperty!)) : PackFigure.Missing(FigureKind.Rank, null)));
        }

        return rows.Count == 0 ? null : new BenchmarkComparison(rows);
    }

    private static PackFigure PublishedOf(BenchmarkRecord? row, Func<BenchmarkRecord, double?> value, string property, RowRef lookedFor) =>
        row is null ? PackFigure.Missing(FigureKind.Rate, lookedFor) : PackFigure.Published(value(row), row.Ref(property));

    private static PackFigure RankOf(BenchmarkRecord? row, Func<BenchmarkRecord, BenchmarkRank?> rank, string property, RowRef lookedFor) =>
        row is null ? PackFigure.Missing(FigureKind.Rank, lookedFor)
        : rank(row) is { } r ? PackFigure.Rank(r.Rank, r.Of, row.Ref(property))
        : PackFigure.Missing(FigureKind.Rank, row.Ref(property));

    private static ExclusionsTrendSection Trend(MetricIndex metrics, BenchmarkIndex benchmarks, AcademicYear current)
    {
        var hubYears = metrics.All.Where(m => m.Period == "YEAR" && m.Breakdown == SchoolMetrics.All).Select(m => m.Year).ToHashSet();
        var dfeYears = benchmarks.HomeYearsWithExclusionCounts().Where(y => !hubYears.Contains(y) && y <= current);
        var years = hubYears.Concat(dfeYears).Distinct().Order().ToList();

        var phases = new List<PackPhase> { PackPhase.Total, PackPhase.Primary, PackPhase.Secondary };
        foreach (var optional in new[] { PackPhase.Special, PackPhase.AlternativeProvision })
        {
            if (years.Any(y => hubYears.Contains(y) ? metrics.Find(y, "YEAR", Breakdown(optional)) is not null : benchmarks.Home(y, ToBenchmark(optional)) is { HasExclusions: true }))
            {
                phases.Add(optional);
            }
        }

        var rows = new List<TrendRow>();
        foreach (var year in years)
        {
            var permanent = new Dictionary<PackPhase, PackFigure>();
            var suspensions = new Dictionary<PackPhase, PackFigure>();
            PackFigure permRate, suspRate;
            TrendSource source;
            if (hubYears.Contains(year))
            {
                source = TrendSource.Hub;
                foreach (var phase in phases)
                {
                    var row = metrics.Find(year, "YEAR", Breakdown(phase));
                    var lookedFor = new RowRef("Metrics", LaScope, $"{year}_YEAR_{Breakdown(phase)}", "PermExcl");
                    permanent[phase] = row is null ? PackFigure.Missing(FigureKind.Count, lookedFor) : PackFigure.Count(row.Values.PermExcl, row.Ref("PermExcl"));
                    suspensions[phase] = row is null ? PackFigure.Missing(FigureKind.Count, lookedFor with { Property = "Susp" }) : PackFigure.Count(row.Values.Susp, row.Ref("Susp"));
                }

                var total = metrics.Find(year, "YEAR", SchoolMetrics.All)!;
                permRate = PackFigure.Rate(total.Values.PermExclRate, total.Values.PermExcl, total.Values.Headcount, total.Ref("PermExclRate"));
                suspRate = PackFigure.Rate(total.Values.SuspRate, total.Values.Susp, total.Values.Headcount, total.Ref("SuspRate"));
            }
            else
            {
                source = TrendSource.Dfe;
                foreach (var phase in phases)
                {
                    var row = benchmarks.Home(year, ToBenchmark(phase));
                    permanent[phase] = DfeCount(row, r => r.PermExcl, "PermExcl", benchmarks.HomeRef(year, "PermExcl", ToBenchmark(phase)));
                    suspensions[phase] = DfeCount(row, r => r.Susp, "Susp", benchmarks.HomeRef(year, "Susp", ToBenchmark(phase)));
                }

                var home = benchmarks.Home(year, BenchmarkPhase.All);
                permRate = PublishedOf(home, r => r.PermExclRate, "PermExclRate", benchmarks.HomeRef(year, "PermExclRate"));
                suspRate = PublishedOf(home, r => r.SuspRate, "SuspRate", benchmarks.HomeRef(year, "SuspRate"));
            }

            var england = benchmarks.England(year, BenchmarkPhase.All);
            var region = benchmarks.Region(year, BenchmarkPhase.All);
            rows.Add(new TrendRow(
                year,
                year == current,
                source,
                permanent,
                suspensions,
                permRate,
                suspRate,
                PublishedOf(england, r => r.PermExclRate, "PermExclRate", BenchmarkIndex.EnglandRef(year, "PermExclRate")),
                PublishedOf(england, r => r.SuspRate, "SuspRate", BenchmarkIndex.EnglandRef(year, "SuspRate")),
                PublishedOf(region, r => r.PermExclRate, "PermExclRate", benchmarks.RegionRef(year, "PermExclRate")),
                PublishedOf(region, r => r.SuspRate, "SuspRate", benchmarks.RegionRef(year, "SuspRate")),
                england is { HasExclusions: true } || region is { HasExclusions: true }));
        }

        return new ExclusionsTrendSection(phases, rows);
    }

    // DfE publishes a few counts that are not whole (docs/architecture.md §Storage keeps them as published); the pack prints whole numbers.
    private static PackFigure DfeCount(BenchmarkRecord? row, Func<BenchmarkRecord, double?> count, string property, RowRef lookedFor) =>
        row is not null && count(row) is { } c ? PackFigure.Count((long)Math.Round(c, MidpointRounding.AwayFromZero), row.Ref(property)) : PackFigure.Missing(FigureKind.Count, lookedFor);

    private static NcYearSection ByNcYear(MetricIndex metrics, AcademicYear current)
    {
        const string Prefix = "NcYear-";
        var rows = metrics.All
            .Where(m => m.Year == current && m.Period == "YEAR" && m.Breakdown.StartsWith(Prefix, StringComparison.Ordinal))
            .OrderBy(m => NcYearOrder(m.Breakdown[Prefix.Length..]))
            .Select(m =>
            {
                var code = m.Breakdown[Prefix.Length..];
                return new NcYearRow(code, NcYearLabel(code), PackFigure.Count(m.Values.PermExcl, m.Ref("PermExcl")), PackFigure.Count(m.Values.Susp, m.Ref("Susp")),
                    PackFigure.Count(m.Values.WithdrawnPermExcl, m.Ref("WithdrawnPermExcl")));
            })
            .ToList();

        PackFigure Of(PackPhase phase, Func<MetricValues, int> count, string property) =>
            metrics.Find(current, "YEAR", Breakdown(phase)) is { } row ? PackFigure.Count(count(row.Values), row.Ref(property))
            : PackFigure.Missing(FigureKind.Count, new RowRef("Metrics", LaScope, $"{current}_YEAR_{Breakdown(phase)}", property));

        return new NcYearSection(
            current,
            rows,
            Of(PackPhase.Total, v => v.PermExcl, "PermExcl"),
            Of(PackPhase.Total, v => v.WithdrawnPermExcl, "WithdrawnPermExcl"),
            Of(PackPhase.Primary, v => v.WithdrawnPermExcl, "WithdrawnPermExcl"),
            Of(PackPhase.Secondary, v => v.WithdrawnPermExcl, "WithdrawnPermExcl"));
    }

    private static int NcYearOrder(string code) => code switch
    {
        "N1" => 0,
        "N2" => 1,
        "R" => 2,
        "X" => 100,
        _ => int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? 2 + n : 99,
    };

    private static string NcYearLabel(string code) => code switch
    {
        "N1" => "Nursery 1",
        "N2" => "Nursery 2",
        "R" => "Reception",
        "X" => "No NC year",
        _ => "Y" + code,
    };

    private static AttendanceSection Attendance(MetricIndex metrics, AcademicYear current, AcademicYear last)
    {
        var all = new[] { PackPhase.Total, PackPhase.Primary, PackPhase.Secondary, PackPhase.Special, PackPhase.AlternativeProvision };
        var years = new[] { last, current };
        var periods = new[] { Period.Autumn, Period.Spring, Period.Summer, Period.Year };
        var rows = new List<AttendanceRow>();
        foreach (var year in years)
        {
            foreach (var period in periods)
            {
                foreach (var phase in all)
                {
                    if (metrics.Find(year, period.ToCode(), Breakdown(phase)) is not { } row || row.Values.Enrolments == 0)
                    {
                        continue;
                    }

                    var v = row.Values;
                    rows.Add(new AttendanceRow(
                        year,
                        period,
                        phase,
                        PackFigure.Count(v.Enrolments, row.Ref("Enrolments")),
                        PackFigure.Rate(v.OverallAbsenceRate, v.AbsenceSessions, v.PossibleSessions, row.Ref("OverallAbsenceRate")),
                        PackFigure.Rate(v.PersistentAbsenceRate, v.PersistentAbsentees, v.Enrolments, row.Ref("PersistentAbsenceRate")),
                        PackFigure.Rate(v.SevereAbsenceRate, v.SevereAbsentees, v.Enrolments, row.Ref("SevereAbsenceRate"))));
                }
            }
        }

        var phases = all.Where(p => p is PackPhase.Total or PackPhase.Primary or PackPhase.Secondary || rows.Any(r => r.Phase == p)).ToList();
        List<string> notes =
        [
            "Pupils of compulsory school age (NC years 1–11), per enrolment, as in DfE's absence statistics. Persistent absence: missing 10% or more of possible sessions; severe: 50% or more.",
        ];
        if (!rows.Any(r => r.Year == current))
        {
            notes.Add($"No attendance figures for {current} yet.");
        }

        return new AttendanceSection(phases, rows, notes);
    }

    private static CohortSection Cohorts(IReadOnlyList<CohortOutcomeRecord> cohorts, IReadOnlyDictionary<string, string> names, string localAuthority)
    {
        var rows = cohorts
            .OrderBy(c => c.Cohort, StringComparer.Ordinal)
            .ThenBy(c => c.Outcome.Scope == LaScope ? 0 : 1)
            .ThenBy(c => c.Outcome.Scope, StringComparer.Ordinal)
            .Select(c => CohortRowOf(c, c.Outcome.Scope == LaScope ? localAuthority : names.GetValueOrDefault(c.Outcome.Scope) ?? c.Outcome.Scope))
            .ToList();
        return new CohortSection(rows);
    }

    private static CohortRow CohortRowOf(CohortOutcomeRecord record, string name)
    {
        var o = record.Outcome;
        var pupils = record.Ref("Pupils");
        if (FigureRows.IsSmall(o.Pupils))
        {
            // One or two pupils: every figure about them would be about a child, so the whole row is held back.
            return new CohortRow(record.Cohort, o.Scope, name, PackFigure.Count(o.Pupils, pupils),
                PackFigure.Withheld(FigureKind.Count, record.Ref("SuspBefore")), PackFigure.Withheld(FigureKind.Count, record.Ref("SuspAfter")),
                PackFigure.Withheld(FigureKind.Rate, record.Ref("SuspChangePct")),
                PackFigure.Withheld(FigureKind.Average, record.Ref("SuspBefore")), PackFigure.Withheld(FigureKind.Average, record.Ref("SuspAfter")),
                PackFigure.Withheld(FigureKind.Count, record.Ref("SuspSessionsBefore")), PackFigure.Withheld(FigureKind.Count, record.Ref("SuspSessionsAfter")),
                PackFigure.Withheld(FigureKind.Rate, record.Ref("AttendanceRateBefore")), PackFigure.Withheld(FigureKind.Rate, record.Ref("AttendanceRateAfter")),
                PackFigure.Withheld(FigureKind.Rate, record.Ref("AttendanceImprovedShare")));
        }

        double? PerPupil(int count) => o.Pupils == 0 ? null : (double)count / o.Pupils;
        return new CohortRow(
            record.Cohort,
            o.Scope,
            name,
            PackFigure.Count(o.Pupils, pupils),
            PackFigure.Count(o.SuspBefore, record.Ref("SuspBefore")),
            PackFigure.Count(o.SuspAfter, record.Ref("SuspAfter")),
            PackFigure.Rate(o.SuspChangePct, o.SuspAfter, o.SuspBefore, record.Ref("SuspChangePct")),
            PackFigure.Average(PerPupil(o.SuspBefore), o.SuspBefore, o.Pupils, [record.Ref("SuspBefore"), pupils]),
            PackFigure.Average(PerPupil(o.SuspAfter), o.SuspAfter, o.Pupils, [record.Ref("SuspAfter"), pupils]),
            PackFigure.Count(o.SuspSessionsBefore, record.Ref("SuspSessionsBefore")),
            PackFigure.Count(o.SuspSessionsAfter, record.Ref("SuspSessionsAfter")),
            PackFigure.RateAmong(o.AttendanceRateBefore, o.Pupils, record.Ref("AttendanceRateBefore")),
            PackFigure.RateAmong(o.AttendanceRateAfter, o.Pupils, record.Ref("AttendanceRateAfter")),
            PackFigure.Rate(o.AttendanceImprovedShare, o.AttendanceImproved, o.AttendanceCompared, record.Ref("AttendanceImprovedShare")));
    }

    private static EarlyWarningSection EarlyWarnings(IReadOnlyList<EarlyWarningRecord> warnings, IReadOnlyDictionary<string, string> names)
    {
        var flagged = warnings.Where(w => w.Flagged).ToList();
        var occurring = flagged.SelectMany(w => w.Reasons).Distinct(StringComparer.Ordinal).ToList();
        var reasons = EarlyWarningReasons.Where(occurring.Contains)
            .Concat(occurring.Except(EarlyWarningReasons, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .ToList();

        Dictionary<string, PackFigure> ByReason(IReadOnlyList<EarlyWarningRecord> pupils, string partition) =>
            reasons.ToDictionary(r => r, r => PackFigure.Count(pupils.Count(p => p.Reasons.Contains(r, StringComparer.Ordinal)), new RowRef("EarlyWarnings", partition, "*", "Reasons")), StringComparer.Ordinal);

        var schools = flagged
            .GroupBy(w => w.Laestab, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var pupils = g.ToList();
                return new EarlyWarningSchoolRow(g.Key, names.GetValueOrDefault(g.Key) ?? g.Key, PackFigure.Count(pupils.Count, new RowRef("EarlyWarnings", g.Key, "*", "Flagged")), ByReason(pupils, g.Key));
            })
            .ToList();
        return new EarlyWarningSection(reasons, schools, PackFigure.Count(flagged.Count, new RowRef("EarlyWarnings", "*", "*", "Flagged")), ByReason(flagged, "*"));
    }

    private static ActionPlanSection ActionPlan(IReadOnlyList<PlannedAction> actions, DateOnly asOf)
    {
        var current = actions.Where(a => !a.Action.RemovedFromPlan).ToList();
        static RowRef Ref(PlannedAction a, string property) => new("Actions", a.PlanId, a.ActionKey, property);
        PackFigure Tally(IEnumerable<PlannedAction> counted, string property)
        {
            var list = counted.ToList();
            return PackFigure.Tally(list.Count, [.. list.Select(a => Ref(a, property))]);
        }

        var byPriority = current
            .GroupBy(a => a.Action.Imported.Priority)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var rated = g.Select(a => (Action: a, Rag: Rag.For(a.Action.Status, a.Action.Imported.DueDate, asOf))).ToList();
                return new PriorityRag(
                    g.Key,
                    g.First().Action.Imported.PriorityTitle,
                    Tally(g, "Priority"),
                    Tally(rated.Where(r => r.Rag == RagRating.Green).Select(r => r.Action), "DueDate"),
                    Tally(rated.Where(r => r.Rag == RagRating.Amber).Select(r => r.Action), "DueDate"),
                    Tally(rated.Where(r => r.Rag == RagRating.Red).Select(r => r.Action), "DueDate"),
                    Tally(g.Where(a => a.Action.Status == ActionStatus.Complete), "Status"));
            })
            .ToList();

        var overdue = current
            .Where(a => PromptWindow.KindOf(a.Action, asOf) == PromptKind.Overdue)
            .Select(a =>
            {
                var imported = a.Action.Imported;
                var due = imported.DueDate!.Value;
                return new OverdueAction(
                    ActionRows.ActionId(a.PlanId, a.ActionKey),
                    imported.ActionRef,
                    imported.Priority,
                    FirstLine(imported.Title),
                    imported.Owners.Count > 0 ? imported.Owners : imported.UnresolvedOwners,
                    due,
                    asOf.DayNumber - due.DayNumber,
                    PromptWindow.IsEscalated(due, asOf),
                    Ref(a, "DueDate"));
            })
            .OrderBy(a => a.DueDate)
            .ThenBy(a => a.ActionId, StringComparer.Ordinal)
            .ToList();
        return new ActionPlanSection(byPriority, [.. overdue.Where(a => !a.Escalated)], [.. overdue.Where(a => a.Escalated)]);
    }

    private static string FirstLine(string title)
    {
        var line = title.Split('\n', 2)[0].Trim();
        return line.Length <= 160 ? line : line[..159] + "…";
    }

    private static ReturnsSection Returns(BoardPackInput input, AcademicYear current)
    {
        if (input.Returns is not { } term)
        {
            return new ReturnsSection(current, null, PackFigure.Missing(FigureKind.Count, null), PackFigure.Missing(FigureKind.Count, null), []);
        }

        static RowRef Ref(string laestab) => new("DataDrops", laestab, "*", "Status");
        var expected = term.Schools.Where(s => s.InRegister).ToList();
        var received = term.Schools.Where(s => s.HasAcceptedDrop).ToList();
        var outstanding = term.Missing
            .Select(s => new OutstandingReturn(
                s.Laestab,
                s.Name ?? s.Laestab,
                s.KindsAccepted,
                s.Drops.Count == 0 ? null : $"{s.Drops[^1].Status} {DateOnly.FromDateTime(s.Drops[^1].ReceivedAt.UtcDateTime).ToString("d MMM", CultureInfo.InvariantCulture)}",
                Ref(s.Laestab)))
            .ToList();
        return new ReturnsSection(
            term.Year,
            term.Term,
            PackFigure.Tally(expected.Count, [.. expected.Select(s => new RowRef("Schools", (term.RegisterYear ?? term.Year).ToString(), s.Laestab, "Name"))]),
            PackFigure.Tally(received.Count, [.. received.Select(s => Ref(s.Laestab))]),
            outstanding);
    }

    private static Dictionary<string, string> SchoolNames(BoardPackInput input) =>
        input.Schools
            .OrderByDescending(s => s.Year)
            .DistinctBy(s => s.Laestab, StringComparer.Ordinal)
            .ToDictionary(s => s.Laestab, s => s.Name, StringComparer.Ordinal);

    /// <summary>"autumn", "spring", "summer".</summary>
    public static string TermName(Period term) => term switch
    {
        Period.Autumn => "autumn",
        Period.Spring => "spring",
        Period.Summer => "summer",
        _ => "whole-year",
    };

    private static BenchmarkPhase ToBenchmark(PackPhase phase) => phase switch
    {
        PackPhase.Primary => BenchmarkPhase.Primary,
        PackPhase.Secondary => BenchmarkPhase.Secondary,
        PackPhase.Special => BenchmarkPhase.Special,
        PackPhase.AlternativeProvision => BenchmarkPhase.AlternativeProvision,
        _ => BenchmarkPhase.All,
    };

    private sealed class MetricIndex
    {
        private readonly Dictionary<(AcademicYear, string, string), MetricRecord> _rows = [];

        public MetricIndex(IEnumerable<MetricRecord> rows)
        {
            All = [.. rows];
            foreach (var row in All)
            {
                _rows[(row.Year, row.Period, row.Breakdown)] = row;
            }
        }

        public IReadOnlyList<MetricRecord> All { get; }

        public MetricRecord? Find(AcademicYear year, string period, string breakdown) => _rows.GetValueOrDefault((year, period, breakdown));
    }

    /// <summary>Full-year Benchmarks rows by year, level and phase, names matched as docs/architecture.md §Storage says (case and punctuation ignored).</summary>
    private sealed class BenchmarkIndex(IReadOnlyList<BenchmarkRecord> rows, string localAuthority, string region)
    {
        private readonly List<BenchmarkRecord> _year = [.. rows.Where(r => r.Period == BenchmarkPeriod.Year)];

        public BenchmarkRecord? England(AcademicYear year, BenchmarkPhase phase) => Find(year, BenchmarkLevel.National, "England", phase);

        public BenchmarkRecord? Region(AcademicYear year, BenchmarkPhase phase) => Find(year, BenchmarkLevel.Region, region, phase);

        public BenchmarkRecord? Home(AcademicYear year, BenchmarkPhase phase) => Find(year, BenchmarkLevel.LA, localAuthority, phase);

        public static RowRef EnglandRef(AcademicYear year, string property) => Ref(year, BenchmarkLevel.National, "England", BenchmarkPhase.All, property);

        public RowRef RegionRef(AcademicYear year, string property) => Ref(year, BenchmarkLevel.Region, region, BenchmarkPhase.All, property);

        public RowRef HomeRef(AcademicYear year, string property, BenchmarkPhase phase = BenchmarkPhase.All) => Ref(year, BenchmarkLevel.LA, localAuthority, phase, property);

        /// <summary>True when DfE figures for England or the region are held for the year.</summary>
        public bool HasYear(AcademicYear year) => England(year, BenchmarkPhase.All) is not null || Region(year, BenchmarkPhase.All) is not null;

        public AcademicYear? LatestYearWith(Func<BenchmarkRecord, bool> has) =>
            _year.Where(r => r.Phase == BenchmarkPhase.All && (r.Level == BenchmarkLevel.National || BenchmarkNames.Same(r.Name, localAuthority)) && has(r))
                .Select(r => (AcademicYear?)r.Year).Max();

        public IEnumerable<AcademicYear> HomeYearsWithExclusionCounts() =>
            _year.Where(r => r.Level == BenchmarkLevel.LA && r.Phase == BenchmarkPhase.All && BenchmarkNames.Same(r.Name, localAuthority) && (r.PermExcl is not null || r.Susp is not null))
                .Select(r => r.Year).Distinct();

        private BenchmarkRecord? Find(AcademicYear year, BenchmarkLevel level, string name, BenchmarkPhase phase) =>
            _year.Find(r => r.Year == year && r.Level == level && r.Phase == phase && BenchmarkNames.Same(r.Name, name));

        private static RowRef Ref(AcademicYear year, BenchmarkLevel level, string name, BenchmarkPhase phase, string property) =>
            new("Benchmarks", BenchmarkKeys.Partition(year, BenchmarkPeriod.Year), BenchmarkKeys.Row(level, name, phase), property);
    }
}
