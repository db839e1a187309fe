using System.Globalization;
using System.Text;
using BackOnTrack.Core.Drops;
using BackOnTrack.LocalHost;

namespace BackOnTrack.Cli.LocalRun;

/// <summary>The table a local run prints: one line per function that ran.</summary>
public static class LocalRunSummary
{
    public static string Format(RunReport report, DateTimeOffset asOf)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Local run as of {asOf:yyyy-MM-dd} ({asOf:HH:mm} UTC)").AppendLine();
        if (report.ByFunction.Count == 0)
        {
            return text.AppendLine("Nothing was pending: no timer functions and no queued messages.").ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{"function",-24} {"invocations",11} {"succeeded",9} {"failed",6} {"poisoned",8}");
        foreach (var (function, counts) in report.ByFunction.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{function,-24} {counts.Invocations,11} {counts.Succeeded,9} {counts.Failed,6} {counts.Poisoned,8}");
        }

        return text.Append(report.AllSucceeded ? "All work succeeded." : $"Work failed: {report.Poisoned} message(s) poisoned, {report.FailedTimerRuns} timer run(s) failed.")
            .AppendLine().ToString();
    }

    /// <summary>One line per drop the run finished: where it came from, what it was, and what became of it.</summary>
    public static string FormatDrops(IReadOnlyList<DataDrop> drops)
    {
        if (drops.Count == 0)
        {
            return "No new drops in this run: every file was already handled (the same content again changes nothing).";
        }

        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"Drops processed in this run ({drops.Count}):")
            .AppendLine(CultureInfo.InvariantCulture, $"{"scope",-8} {"file",-40} {"kind",-18} {"layout",-9} {"status",-10} {"read",7} {"stored",7} {"rejected",8}  reason");
        foreach (var drop in drops.OrderBy(d => d.Scope, StringComparer.Ordinal).ThenBy(d => d.BlobName, StringComparer.Ordinal))
        {
            var file = drop.BlobName[(drop.BlobName.IndexOf('/', StringComparison.Ordinal) + 1)..];
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{drop.Scope,-8} {Truncate(file, 40),-40} {drop.Kind ?? "-",-18} {drop.Layout ?? "-",-9} {drop.Status,-10} {drop.RowsRead,7} {drop.RowsAccepted,7} {drop.RowsRejected,8}  {drop.Reason}");
        }

        return text.Append(CultureInfo.InvariantCulture,
                $"Total: {drops.Sum(d => d.RowsRead)} rows read, {drops.Sum(d => d.RowsAccepted)} stored, {drops.Sum(d => d.RowsRejected)} rejected; " +
                $"{drops.Count(d => d.Status == DropStatus.Rejected)} file(s) rejected whole (copied to quarantine/ with their report).")
            .AppendLine().ToString();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
