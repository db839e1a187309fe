using System.Globalization;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.BoardPack.Document;

/// <summary>
/// Lays the pack out as blocks, in the order the LA's own reports use: the headline rates beside England and the
/// region, the exclusions trend, this year by NC year, attendance, the intervention cohorts, early warning, the action
/// plan and the returns still owed. Every chart is followed by the table of its data.
/// </summary>
public static class PackComposer
{
    // Okabe–Ito colours: told apart with the common colour-vision deficiencies, and every chart has its table.
    public const string TotalColor = "#1F3A5F";
    public const string PrimaryColor = "#E69F00";
    public const string SecondaryColor = "#56B4E9";
    public const string SpecialColor = "#009E73";
    public const string ApColor = "#CC79A7";
    public const string EnglandColor = "#7F7F7F";
    public const string RegionColor = "#D55E00";
    public const string RedColor = "#B8322A";
    public const string AmberColor = "#D98C00";
    public const string GreenColor = "#2E7D4F";

    public static string Title(BoardPackModel pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return $"{pack.LocalAuthority} SEMH strategy board pack: {pack.AsOf.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";
    }

    public static string Subtitle(BoardPackModel pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return $"Figures as of {pack.AsOf.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}. Counts of 1 or 2, and rates built on them, are shown as x; – means no figure is held.";
    }

    public static IReadOnlyList<PackBlock> Compose(BoardPackModel pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var blocks = new List<PackBlock>();
        var section = 0;
        string Numbered(string text) => $"{++section}. {text}";

        blocks.Add(new HeadingBlock(1, Numbered("Headline rates")));
        blocks.AddRange(Headlines(pack));

        blocks.Add(new HeadingBlock(1, Numbered("Exclusions trend")));
        blocks.AddRange(Trend(pack));

        blocks.Add(new HeadingBlock(1, Numbered($"{pack.CurrentYear} so far by NC year")));
        blocks.AddRange(NcYears(pack));

        blocks.Add(new HeadingBlock(1, Numbered("Attendance")));
        blocks.AddRange(Attendance(pack));

        blocks.Add(new HeadingBlock(1, Numbered("Intervention cohorts: before and after")));
        blocks.AddRange(Cohorts(pack));

        if (pack.EarlyWarnings is { } warnings)
        {
            blocks.Add(new HeadingBlock(1, Numbered("Early warning")));
            blocks.AddRange(EarlyWarnings(warnings));
        }

        blocks.Add(new HeadingBlock(1, Numbered("Action plan")));
        blocks.AddRange(ActionPlan(pack));

        blocks.Add(new HeadingBlock(1, Numbered("Returns outstanding")));
        blocks.AddRange(Returns(pack));
        return blocks;
    }

    private static IEnumerable<PackBlock> Headlines(BoardPackModel pack)
    {
        var h = pack.Headlines;
        var term = h.ComparedTerm is { } t ? Capitalised(BoardPackBuilder.TermName(t)) : "Latest term";
        yield return new TableBlock(
            "headline-rates",
            $"Headline rates: {pack.CurrentYear} to date and {pack.LastFullYear}, beside England and {pack.Region}",
            [2.3, 1, 1, 1, 1, 1.1, 1, 1, 1.1],
            [[
                new HeaderCell("Measure"), new HeaderCell($"{pack.CurrentYear} to date"), new HeaderCell($"{pack.LastFullYear}"),
                new HeaderCell($"England {pack.LastFullYear}"), new HeaderCell($"{pack.Region} {pack.LastFullYear}"), new HeaderCell($"Rank {pack.LastFullYear}"),
                new HeaderCell($"{term} {pack.CurrentYear}"), new HeaderCell($"{term} {pack.LastFullYear}"), new HeaderCell("Change on last year"),
            ]],
            [.. h.Rows.Select(r => new TableRow([
                TableCell.Label(r.Measure), TableCell.Of(r.YearToDate), TableCell.Of(r.LastFullYear), TableCell.Of(r.England), TableCell.Of(r.Region),
                TableCell.Of(r.Rank), TableCell.Of(r.TermThisYear), TableCell.Of(r.TermLastYear), TableCell.Of(r.Change),
            ]))]);
        foreach (var note in h.Notes)
        {
            yield return new ParagraphBlock(note, Note: true);
        }

        yield return new ParagraphBlock("Rank: 1 is the lowest rate among LAs with a published figure.", Note: true);
        if (h.LatestComparison is { } comparison)
        {
            yield return new TableBlock(
                "latest-dfe-comparison",
                $"Latest DfE statistics: {pack.LocalAuthority} beside England and {pack.Region}",
                [2.3, 1, 1.1, 1.1, 1.3, 1.1],
                [[new HeaderCell("Measure"), new HeaderCell("Year"), new HeaderCell(pack.LocalAuthority), new HeaderCell("England"), new HeaderCell(pack.Region), new HeaderCell($"{pack.LocalAuthority} rank")]],
                [.. comparison.Rows.Select(r => new TableRow([
                    TableCell.Label(r.Measure), new TableCell(BoardPackBuilder.DfeYear(r.Year), [], Numeric: true), TableCell.Of(r.LocalAuthority),
                    TableCell.Of(r.England), TableCell.Of(r.Region), TableCell.Of(r.Rank),
                ]))]);
            yield return new ParagraphBlock($"{pack.LocalAuthority}'s figures here are as DfE published them, so they may differ from the hub's own.", Note: true);
        }
    }

    private static IEnumerable<PackBlock> Trend(BoardPackModel pack)
    {
        var trend = pack.Trend;
        if (trend.Rows.Count == 0)
        {
            yield return new ParagraphBlock("The hub holds no exclusions figures yet.");
            yield break;
        }

        var categories = trend.Rows.Select(r => r.YearToDate ? $"{r.Year}\nto date" : r.Year.ToString()).ToList();
        ChartSpec Chart(string id, string title, string axis, Func<TrendRow, IReadOnlyDictionary<PackPhase, PackFigure>> figures) => new(
            id,
            title,
            $"{title}, by academic year and phase; the table below gives every figure.",
            ChartKind.GroupedBars,
            categories,
            [.. trend.Phases.Select(p => new ChartSeries(PhaseName(p), PhaseColor(p), [.. trend.Rows.Select(r => figures(r)[p].Value)]))],
            axis);

        var header = new List<HeaderCell> { new("Academic year") };
        header.AddRange(trend.Phases.Select(p => new HeaderCell(PhaseName(p))));
        var widths = new List<double> { 1.3 };
        widths.AddRange(trend.Phases.Select(_ => 1.0));
        TableBlock Table(string id, string caption, Func<TrendRow, IReadOnlyDictionary<PackPhase, PackFigure>> figures) => new(
            id,
            caption,
            widths,
            [header],
            [.. trend.Rows.Select(r => new TableRow([TableCell.Label(YearLabel(r)), .. trend.Phases.Select(p => TableCell.Of(figures(r)[p]))]))]);

        yield return new FigureBlock(
            Chart("exclusions-trend-permanent", "Permanent exclusions", "Permanent exclusions", r => r.Permanent),
            Table("exclusions-trend-permanent-table", "Permanent exclusions by academic year and phase", r => r.Permanent));
        yield return new FigureBlock(
            Chart("exclusions-trend-suspensions", "Suspensions", "Suspensions", r => r.Suspensions),
            Table("exclusions-trend-suspensions-table", "Suspensions by academic year and phase", r => r.Suspensions));

        var rates = new FigureBlock(
            new ChartSpec(
                "exclusions-trend-rates",
                $"Suspension rate beside England and {pack.Region}",
                $"Suspension rate per 100 pupils by academic year for {pack.LocalAuthority}, England and {pack.Region}; the table below gives every rate.",
                ChartKind.Lines,
                categories,
                [
                    new ChartSeries(pack.LocalAuthority, TotalColor, [.. trend.Rows.Select(r => r.YearToDate ? null : r.SuspRate.Value)]),
                    new ChartSeries("England", EnglandColor, [.. trend.Rows.Select(r => r.EnglandSuspRate.Value)]),
                    new ChartSeries(pack.Region, RegionColor, [.. trend.Rows.Select(r => r.RegionSuspRate.Value)]),
                ],
                "Suspensions per 100 pupils",
                Percent: true),
            new TableBlock(
                "exclusions-trend-rates-table",
                $"Exclusion rates by academic year: {pack.LocalAuthority}, England and {pack.Region}",
                [1.3, 1, 1, 1, 1, 1, 1],
                [
                    [new HeaderCell("Academic year"), new HeaderCell("Permanent exclusion rate", 3), new HeaderCell("Suspension rate", 3)],
                    [new HeaderCell(""), new HeaderCell(pack.LocalAuthority), new HeaderCell("England"), new HeaderCell(pack.Region), new HeaderCell(pack.LocalAuthority), new HeaderCell("England"), new HeaderCell(pack.Region)],
                ],
                [.. trend.Rows.Select(RateRow)]));
        yield return rates;
        yield return new ParagraphBlock(
            "Years marked (DfE) show the LA's figures as DfE published them, from before the hub held schools' data; the others come from schools' drops. " +
            "Total is primary, secondary and special schools, as DfE's; alternative provision is counted on its own. The current year is to date, so its rate is not drawn beside full years.",
            Note: true);
    }

    private static TableRow RateRow(TrendRow row)
    {
        var cells = new List<TableCell> { TableCell.Label(YearLabel(row)), TableCell.Of(row.PermExclRate) };
        if (row.HasBenchmarks)
        {
            cells.AddRange([TableCell.Of(row.EnglandPermExclRate), TableCell.Of(row.RegionPermExclRate), TableCell.Of(row.SuspRate), TableCell.Of(row.EnglandSuspRate), TableCell.Of(row.RegionSuspRate)]);
        }
        else
        {
            cells.Add(TableCell.Spanning($"No DfE figures for {row.Year}", 2));
            cells.Add(TableCell.Of(row.SuspRate));
            cells.Add(TableCell.Spanning($"No DfE figures for {row.Year}", 2));
        }

        return new TableRow(cells);
    }

    private static IEnumerable<PackBlock> NcYears(BoardPackModel pack)
    {
        var s = pack.ThisYearByNcYear;
        if (s.Rows.Count == 0 && s.PermanentTotal.State == FigureState.NotAvailable)
        {
            // A row of dashes in a sentence reads as a typing error; say plainly that the year has no figures.
            yield return new ParagraphBlock($"The hub holds no exclusions for {s.Year} yet.");
            yield break;
        }

        var summary = $"Permanent exclusions so far this year: {s.PermanentTotal.Text}. Withdrawn after challenge: {s.WithdrawnPermanentTotal.Text} " +
                      $"(primary {s.WithdrawnPermanentPrimary.Text}, secondary {s.WithdrawnPermanentSecondary.Text}). Withdrawn exclusions are not counted as exclusions.";
        yield return new ParagraphBlock(summary);
        if (s.Rows.Count == 0)
        {
            yield return new ParagraphBlock($"No exclusions by NC year for {s.Year} yet.");
            yield break;
        }

        yield return new FigureBlock(
            new ChartSpec(
                "nc-year-permanent",
                $"Permanent exclusions by NC year, {s.Year} to date",
                $"Permanent exclusions upheld and withdrawn by NC year in {s.Year} so far; the table below gives every figure, with suspensions.",
                ChartKind.GroupedBars,
                [.. s.Rows.Select(r => r.Label)],
                [
                    new ChartSeries("Permanent exclusions", TotalColor, [.. s.Rows.Select(r => r.Permanent.Value)]),
                    new ChartSeries("Withdrawn", PrimaryColor, [.. s.Rows.Select(r => r.WithdrawnPermanent.Value)]),
                ],
                "Pupils excluded"),
            new TableBlock(
                "nc-year-table",
                $"Exclusions by NC year, {s.Year} to date",
                [1.4, 1, 1, 1],
                [[new HeaderCell("NC year"), new HeaderCell("Permanent exclusions"), new HeaderCell("Withdrawn permanent exclusions"), new HeaderCell("Suspensions")]],
                [.. s.Rows.Select(r => new TableRow([TableCell.Label(r.Label), TableCell.Of(r.Permanent), TableCell.Of(r.WithdrawnPermanent), TableCell.Of(r.Suspensions)]))]));
    }

    private static IEnumerable<PackBlock> Attendance(BoardPackModel pack)
    {
        var a = pack.Attendance;
        if (a.Rows.Count == 0)
        {
            yield return new ParagraphBlock("The hub holds no attendance figures yet.");
            yield break;
        }

        var periods = a.Rows.Select(r => (r.Year, r.Period)).Distinct().ToList();
        var categories = periods.Select(p => p.Period == Period.Year ? $"{p.Year}\nyear" : $"{Capitalised(BoardPackBuilder.TermName(p.Period))}\n{p.Year}").ToList();
        ChartSpec Chart(string id, string title, Func<AttendanceRow, PackFigure> figure) => new(
            id,
            title,
            $"{title} by term and phase, {pack.LastFullYear} and {pack.CurrentYear}; the table below gives every figure.",
            ChartKind.GroupedBars,
            categories,
            [.. a.Phases.Select(phase => new ChartSeries(PhaseName(phase), PhaseColor(phase),
                [.. periods.Select(p => a.Rows.FirstOrDefault(r => r.Year == p.Year && r.Period == p.Period && r.Phase == phase) is { } row ? figure(row).Value : null)]))],
            title + " (%)",
            Percent: true);

        // The notes say what the figures are (and which year has none) before them: placed after the table, a page
        // break could leave them alone at the top of the next page.
        foreach (var note in a.Notes)
        {
            yield return new ParagraphBlock(note, Note: true);
        }

        yield return new FigureBlock(
            [Chart("attendance-overall", "Overall absence rate", r => r.OverallAbsence), Chart("attendance-persistent", "Persistent absence rate", r => r.PersistentAbsence)],
            new TableBlock(
                "attendance-table",
                "Attendance by term and phase",
                [1.5, 1.6, 1, 1, 1, 1],
                [[new HeaderCell("Period"), new HeaderCell("Phase"), new HeaderCell("Enrolments"), new HeaderCell("Overall absence"), new HeaderCell("Persistent absence"), new HeaderCell("Severe absence")]],
                [.. a.Rows.Select(r => new TableRow([
                    TableCell.Label(PeriodLabel(r.Year, r.Period)), TableCell.Label(PhaseName(r.Phase), rowHeader: false), TableCell.Of(r.Enrolments),
                    TableCell.Of(r.OverallAbsence), TableCell.Of(r.PersistentAbsence), TableCell.Of(r.SevereAbsence),
                ], Total: r.Phase == PackPhase.Total))]));
    }

    private static IEnumerable<PackBlock> Cohorts(BoardPackModel pack)
    {
        var rows = pack.Cohorts.Rows;
        if (rows.Count == 0)
        {
            yield return new ParagraphBlock("The hub holds no intervention cohorts yet.");
            yield break;
        }

        var la = rows.Where(r => r.Scope == BoardPackBuilder.LaScope).ToList();
        foreach (var cohort in la)
        {
            yield return new ParagraphBlock(CohortSentence(cohort));
        }

        yield return new FigureBlock(
            new ChartSpec(
                "cohorts-suspensions",
                "Suspensions per pupil, the year before and the year after starting",
                "Suspensions per pupil in each intervention cohort in the 365 days before and after each pupil's start; the table below gives every figure.",
                ChartKind.GroupedBars,
                [.. la.Select(r => r.Cohort)],
                [
                    new ChartSeries("Before", EnglandColor, [.. la.Select(r => r.SuspensionsPerPupilBefore.Value)]),
                    new ChartSeries("After", TotalColor, [.. la.Select(r => r.SuspensionsPerPupilAfter.Value)]),
                ],
                "Suspensions per pupil"),
            new TableBlock(
                "cohorts-suspensions-table",
                "Intervention cohorts: suspensions and sessions lost, before and after",
                [2.2, 2.4, 0.8, 0.9, 0.9, 1, 0.9, 0.9, 1, 1],
                [
                    [new HeaderCell("Cohort"), new HeaderCell("School"), new HeaderCell("Pupils"), new HeaderCell("Suspensions", 3), new HeaderCell("Per pupil", 2), new HeaderCell("Sessions lost", 2)],
                    [new HeaderCell(""), new HeaderCell(""), new HeaderCell(""), new HeaderCell("Before"), new HeaderCell("After"), new HeaderCell("Change"), new HeaderCell("Before"), new HeaderCell("After"), new HeaderCell("Before"), new HeaderCell("After")],
                ],
                [.. rows.Select(r => new TableRow([
                    TableCell.Label(r.Cohort), TableCell.Label(r.Name, rowHeader: false), TableCell.Of(r.Pupils), TableCell.Of(r.SuspensionsBefore), TableCell.Of(r.SuspensionsAfter),
                    TableCell.Of(r.SuspensionsChange), TableCell.Of(r.SuspensionsPerPupilBefore), TableCell.Of(r.SuspensionsPerPupilAfter), TableCell.Of(r.SessionsLostBefore), TableCell.Of(r.SessionsLostAfter),
                ], Total: r.Scope == BoardPackBuilder.LaScope))]));
        yield return new TableBlock(
            "cohorts-attendance-table",
            "Intervention cohorts: attendance before and after",
            [2.2, 2.6, 0.9, 1.1, 1.1, 1.4],
            [[new HeaderCell("Cohort"), new HeaderCell("School"), new HeaderCell("Pupils"), new HeaderCell("Attendance before"), new HeaderCell("Attendance after"), new HeaderCell("Pupils whose attendance improved")]],
            [.. rows.Select(r => new TableRow([
                TableCell.Label(r.Cohort), TableCell.Label(r.Name, rowHeader: false), TableCell.Of(r.Pupils), TableCell.Of(r.AttendanceBefore), TableCell.Of(r.AttendanceAfter), TableCell.Of(r.AttendanceImprovedShare),
            ], Total: r.Scope == BoardPackBuilder.LaScope))]);
        yield return new ParagraphBlock(
            "Before and after: the 365 days before each pupil's start date and the 365 days from it (cut at the as-of date). A school with 1 or 2 pupils in a cohort shows no figures for them.",
            Note: true);
    }

    private static string CohortSentence(CohortRow row)
    {
        var text = $"{row.Cohort}: {row.Pupils.Text} pupils. Suspensions {row.SuspensionsBefore.Text} in the year before starting and {row.SuspensionsAfter.Text} since";
        text += row.SuspensionsChange.Value is { } change
            ? string.Create(CultureInfo.InvariantCulture, $" ({(change <= 0 ? "down" : "up")} {Math.Abs(change):0}%)")
            : string.Empty;
        text += $"; {row.SuspensionsPerPupilBefore.Text} per pupil before, {row.SuspensionsPerPupilAfter.Text} after.";
        if (row.AttendanceImprovedShare.IsShown)
        {
            text += $" Attendance improved for {row.AttendanceImprovedShare.Text} of the pupils.";
        }

        return text;
    }

    private static IEnumerable<PackBlock> EarlyWarnings(EarlyWarningSection warnings)
    {
        yield return new ParagraphBlock($"Pupils flagged (a behaviour and an attendance signal together): {warnings.FlaggedTotal.Text}. Schools see their own pupils; the LA sees counts.");
        if (warnings.Schools.Count == 0)
        {
            yield break;
        }

        var widths = new List<double> { 1.8, 0.8 };
        widths.AddRange(warnings.Reasons.Select(_ => 1.0));
        yield return new TableBlock(
            "early-warning-table",
            "Pupils flagged by school and reason",
            widths,
            [[new HeaderCell("School"), new HeaderCell("Flagged"), .. warnings.Reasons.Select(r => new HeaderCell(ReasonName(r)))]],
            [
                .. warnings.Schools.Select(s => new TableRow([TableCell.Label(s.Name), TableCell.Of(s.Flagged), .. warnings.Reasons.Select(r => TableCell.Of(s.ByReason[r]))])),
                new TableRow([TableCell.Label("All schools"), TableCell.Of(warnings.FlaggedTotal), .. warnings.Reasons.Select(r => TableCell.Of(warnings.TotalByReason[r]))], Total: true),
            ]);
    }

    private static IEnumerable<PackBlock> ActionPlan(BoardPackModel pack)
    {
        var plan = pack.ActionPlan;
        if (plan.ByPriority.Count == 0)
        {
            yield return new ParagraphBlock("The hub holds no action plan yet.");
            yield break;
        }

        yield return new FigureBlock(
            new ChartSpec(
                "action-plan-rag",
                "Actions by priority and RAG rating",
                "Actions in each priority rated red (overdue), amber (due within 14 days) or green (complete, or not yet due); the table below gives every figure.",
                ChartKind.StackedHorizontalBars,
                PriorityLabels(plan),
                [
                    new ChartSeries("Red", RedColor, [.. plan.ByPriority.Select(p => p.Red.Value)]),
                    new ChartSeries("Amber", AmberColor, [.. plan.ByPriority.Select(p => p.Amber.Value)]),
                    new ChartSeries("Green", GreenColor, [.. plan.ByPriority.Select(p => p.Green.Value)]),
                ],
                "Actions"),
            new TableBlock(
                "action-plan-table",
                "Actions by priority and RAG rating",
                [3.2, 0.9, 0.9, 0.9, 0.9, 1],
                [[new HeaderCell("Priority"), new HeaderCell("Actions"), new HeaderCell("Red"), new HeaderCell("Amber"), new HeaderCell("Green"), new HeaderCell("Complete")]],
                [.. plan.ByPriority.Select(p => new TableRow([TableCell.Label($"{p.Priority}. {p.Title}"), TableCell.Of(p.Actions), TableCell.Of(p.Red), TableCell.Of(p.Amber), TableCell.Of(p.Green), TableCell.Of(p.Complete)]))]));

        yield return new ParagraphBlock("Red: overdue (due before the as-of date and not complete). Amber: due within 14 days. Green: complete, or not yet due.", Note: true);
        yield return new HeadingBlock(2, $"Escalated: overdue more than 28 days ({plan.Escalated.Count})");
        yield return plan.Escalated.Count == 0 ? new ParagraphBlock("None.") : OverdueTable("escalated-actions", "Escalated actions", plan.Escalated);
        yield return new HeadingBlock(2, $"Overdue ({plan.Overdue.Count})");
        yield return plan.Overdue.Count == 0 ? new ParagraphBlock("None.") : OverdueTable("overdue-actions", "Overdue actions", plan.Overdue);
    }

    private static TableBlock OverdueTable(string id, string caption, IReadOnlyList<OverdueAction> actions) => new(
        id,
        caption,
        [0.7, 4.2, 2.2, 1.2, 0.9],
        [[new HeaderCell("Ref"), new HeaderCell("Action"), new HeaderCell("Owners"), new HeaderCell("Due"), new HeaderCell("Days overdue")]],
        [.. actions.Select(a => new TableRow([
            TableCell.Label(a.ActionRef), TableCell.Label(a.Title, rowHeader: false), TableCell.Label(string.Join(", ", a.Owners), rowHeader: false),
            new TableCell(a.DueDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture), [a.Source], Numeric: true),
            new TableCell(a.DaysOverdue.ToString(CultureInfo.InvariantCulture), [a.Source], Numeric: true),
        ]))]);

    private static IEnumerable<PackBlock> Returns(BoardPackModel pack)
    {
        var r = pack.Returns;
        if (r.Term is not { } term)
        {
            yield return new ParagraphBlock("No schools register is held, so no returns are expected yet.");
            yield break;
        }

        yield return new ParagraphBlock($"{r.Received.Text} of {r.Expected.Text} schools have sent an accepted return in the {BoardPackBuilder.TermName(term)} term {r.Year}; {r.Outstanding.Count} have not.");
        if (r.Outstanding.Count > 0)
        {
            yield return new TableBlock(
                "returns-outstanding",
                $"Schools with no accepted return this term ({BoardPackBuilder.TermName(term)} {r.Year})",
                [1.1, 3.2, 2, 1.6],
                [[new HeaderCell("LAESTAB"), new HeaderCell("School"), new HeaderCell("Accepted this term"), new HeaderCell("Latest drop")]],
                [.. r.Outstanding.Select(o => new TableRow([
                    TableCell.Label(o.Laestab), TableCell.Label(o.Name, rowHeader: false), TableCell.Label(o.KindsAccepted.Count == 0 ? "nothing" : string.Join(", ", o.KindsAccepted), rowHeader: false),
                    new TableCell(o.LatestStatus ?? "none", [o.Source], Numeric: false),
                ]))]);
        }
    }

    public static string PhaseName(PackPhase phase) => phase switch
    {
        PackPhase.Total => "Total",
        PackPhase.Primary => "Primary",
        PackPhase.Secondary => "Secondary",
        PackPhase.Special => "Special",
        _ => "Alternative provision",
    };

    private static string PhaseColor(PackPhase phase) => phase switch
    {
        PackPhase.Total => TotalColor,
        PackPhase.Primary => PrimaryColor,
        PackPhase.Secondary => SecondaryColor,
        PackPhase.Special => SpecialColor,
        _ => ApColor,
    };

    private static string YearLabel(TrendRow row) =>
        row.YearToDate ? $"{row.Year} to date" : row.Source == TrendSource.Dfe ? $"{row.Year} (DfE)" : row.Year.ToString();

    private static string PeriodLabel(AcademicYear year, Period period) => period == Period.Year
        ? $"{year} year"
        : $"{Capitalised(BoardPackBuilder.TermName(period))} {year}";

    private static string ReasonName(string reason) => reason switch
    {
        "RepeatSuspensions" => "Repeat suspensions",
        "SuspensionsRising" => "Suspensions rising",
        "WithdrawnPermanent" => "Withdrawn permanent",
        "LunchtimeExclusions" => "Lunchtime exclusions",
        "AttendanceFalling" => "Attendance falling",
        "PersistentAbsence" => "Persistent absence",
        "SevereAbsence" => "Severe absence",
        "PartTimeTimetable" => "Part-time timetable",
        _ => reason,
    };

    /// <summary>Longest axis label the chart's left margin shows whole.</summary>
    private const int PriorityLabelLength = 24;

    /// <summary>
    /// The priorities named on the chart's axis when every name fits, else all by number (a title cut to fit hides what
    /// the board needs to read; the table below names each priority in full).
    /// </summary>
    private static List<string> PriorityLabels(ActionPlanSection plan)
    {
        var named = plan.ByPriority.Select(p => $"{p.Priority}. {p.Title}").ToList();
        return named.All(n => n.Length <= PriorityLabelLength) ? named : [.. plan.ByPriority.Select(p => $"Priority {p.Priority}")];
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
