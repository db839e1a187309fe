using System.Globalization;
using System.Text;
using BackOnTrack.Application.EarlyWarning;
using BackOnTrack.Core.EarlyWarning;

namespace BackOnTrack.Cli.Operations.Output;

/// <summary>The <c>early-warning</c> verb's text: the LA's counts by school and reason, then one line per pupil (by pupil key).</summary>
public static class EarlyWarningTables
{
    private static readonly EarlyWarningReason[] Reasons = Enum.GetValues<EarlyWarningReason>();

    public static string FormatList(EarlyWarningList list, string? school)
    {
        ArgumentNullException.ThrowIfNull(list);
        var scope = school is null ? "the LA" : "school " + school;
        var text = new StringBuilder();
        text.AppendLine(list.FromTable
            ? list.AsOf is { } stored
                ? string.Create(CultureInfo.InvariantCulture, $"Early warnings for {scope} as the last recompute left them (as of {stored:yyyy-MM-dd}):")
                : $"Early warnings for {scope}: no pupil has been flagged (the EarlyWarnings table has no rows)."
            : string.Create(CultureInfo.InvariantCulture, $"Early warnings for {scope} replayed as of {list.AsOf:yyyy-MM-dd} (status against the same rules a week earlier; nothing written):"));
        if (list.Lines.Count == 0)
        {
            return list.FromTable && list.AsOf is null ? text.ToString() : text.AppendLine("No pupil flagged, and none cleared since a week before.").ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $"{"laestab",-8} {"flagged",7} {"new",5} {"cleared",7}");
        foreach (var reason in Reasons)
        {
            text.Append(CultureInfo.InvariantCulture, $" {Short(reason),8}");
        }

        text.AppendLine();
        foreach (var group in list.Lines.GroupBy(l => l.Laestab).Append(list.Lines.GroupBy(_ => "total").Single()))
        {
            var flagged = group.Where(l => l.Flagged).ToList();
            text.Append(CultureInfo.InvariantCulture, $"{group.Key,-8} {flagged.Count,7} {group.Count(l => l.Status == EarlyWarningStatus.New),5} {group.Count(l => l.Status == EarlyWarningStatus.Cleared),7}");
            foreach (var reason in Reasons)
            {
                text.Append(CultureInfo.InvariantCulture, $" {flagged.Count(l => l.Evidence.Any(e => e.Reason == reason)),8}");
            }

            text.AppendLine();
        }

        text.AppendLine("(reason columns count flagged pupils: " + string.Join(", ", Reasons.Select(r => $"{Short(r)} {r}")) + ")")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{"laestab",-8} {"pupil key",-32} {"NC",-3} {"status",-10} {"since",-10} reasons (evidence)");
        foreach (var line in list.Lines)
        {
            var since = line.FirstFlaggedAt is { } first ? first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{line.Laestab,-8} {line.PupilKey,-32} {line.NcYear,-3} {line.Status,-10} {since,-10} {string.Join("; ", line.Evidence.Select(Evidence))}{(line.Cohort.Length == 0 ? "" : " [cohort " + line.Cohort + "]")}");
        }

        return text.ToString();
    }

    /// <summary>A reason with its figures, e.g. <c>RepeatSuspensions (2, 2025-02-03..2025-03-03)</c>, <c>PersistentAbsence (15% of 20)</c>.</summary>
    public static string Evidence(ReasonEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var parts = new List<string>();
        if (e.Count is { } count)
        {
            parts.Add(e.PreviousCount is { } before ? $"{count} after {before}" : count.ToString(CultureInfo.InvariantCulture));
        }

        if (e.Percent is { } percent)
        {
            parts.Add(e.BaselinePercent is { } baseline
                ? string.Create(CultureInfo.InvariantCulture, $"{percent}% from {baseline}%")
                : string.Create(CultureInfo.InvariantCulture, $"{percent}%{(e.Sessions is { } s ? $" of {s} sessions" : "")}"));
        }

        if (e.First is { } from && e.Last is { } to)
        {
            parts.Add(from == to ? from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}"));
        }

        return parts.Count == 0 ? e.Reason.ToString() : $"{e.Reason} ({string.Join(", ", parts)})";
    }

    public static string FormatBacktest(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var dates = result.AsOfDates;
        text.Append(CultureInfo.InvariantCulture, $"Backtest of the early-warning rules over {result.Year}: {result.PupilsAssessed} pupils, flags replayed at {dates.Count} as-of dates")
            .AppendLine(dates.Count == 0 ? "." : string.Create(CultureInfo.InvariantCulture, $" ({dates[0]:yyyy-MM-dd} to {dates[^1]:yyyy-MM-dd}), lead time at least {result.LeadDays} days."));
        foreach (var (outcome, rows) in result.Outcomes)
        {
            var what = outcome == BacktestOutcome.PermanentExclusion ? "permanently excluded" : "suspended";
            text.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Pupils {what} in {result.Year}:")
                .AppendLine(CultureInfo.InvariantCulture, $"{"rule",-20} {what,20} {"flagged before",15} {"caught",7} {"median lead",12} {"flagged",8} {"then " + (outcome == BacktestOutcome.PermanentExclusion ? "excluded" : "suspended"),15} {"false alarms",13} {"hit rate",9}");
            foreach (var row in rows)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{row.Rule,-20} {row.Pupils,20} {row.Caught,15} {Share(row.CaughtShare),7} {(row.MedianLeadDays is { } lead ? $"{lead:0.#} days" : "-"),12} {row.Held,8} {row.HeldThenOutcome,15} {row.FalseAlarms,13} {Share(row.HitShare),9}");
            }

            var flag = rows[^1];
            text.AppendLine(InPlainWords(flag, what, result.LeadDays));
        }

        return text.AppendLine()
            .AppendLine("How to read it: 'flagged before' counts pupils the rule held for at an as-of date at least the lead days before the outcome; 'caught' is that")
            .AppendLine("share of the pupils with the outcome (recall). 'Flagged' counts every pupil the rule held for at any as-of date; 'false alarms' are those with no")
            .AppendLine("outcome after it in the year, and 'hit rate' the share that did have one (precision). A false alarm is not a wasted flag: support may be why it")
            .AppendLine("did not happen. Each rule row is that reason alone; 'Flag' is the flag rule the hub acts on (a behaviour reason with an attendance reason).")
            .ToString();
    }

    private static string InPlainWords(BacktestRow flag, string what, int leadDays)
    {
        if (flag.Pupils == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"In plain words: no pupil was {what} this year, so there is nothing to catch; the flag rule raised {flag.Held} flag(s), all of them false alarms by this measure.");
        }

        var lead = flag.MedianLeadDays is { } days ? string.Create(CultureInfo.InvariantCulture, $", typically {days:0.#} days ahead") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"In plain words: of {flag.Pupils} pupil(s) {what}, the flag rule had flagged {flag.Caught} at least {leadDays} days beforehand{lead}; it flagged {flag.Held} pupil(s) in all, {flag.FalseAlarms} of whom were not {what} after it.");
    }

    private static string Share(double? share) => share is { } s ? s.ToString("0%", CultureInfo.InvariantCulture) : "-";

    private static string Short(EarlyWarningReason reason) => reason switch
    {
        EarlyWarningReason.RepeatSuspensions => "RepSus",
        EarlyWarningReason.SuspensionsRising => "SusRise",
        EarlyWarningReason.WithdrawnPermanent => "WdPerm",
        EarlyWarningReason.LunchtimeExclusions => "Lunch",
        EarlyWarningReason.AttendanceFalling => "AttFall",
        EarlyWarningReason.PersistentAbsence => "PA",
        EarlyWarningReason.SevereAbsence => "SA",
        _ => "PartTime",
    };
}
