using System.Globalization;
using System.Text;

namespace BackOnTrack.Functions.LocalHost;

/// <summary>The table a local run prints: one line per function that ran.</summary>
public static class LocalRunSummary
{
    public static string Format(LocalRunReport report, DateTimeOffset asOf)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Local run as of {asOf:yyyy-MM-dd HH:mm} UTC").AppendLine();
        if (report.ByFunction.Count == 0)
        {
            return text.AppendLine("Nothing was pending: no timer functions and no queued messages.").ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{"function",-20} {"invocations",11} {"succeeded",9} {"failed",6} {"poisoned",8}");
        foreach (var (function, counts) in report.ByFunction.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{function,-20} {counts.Invocations,11} {counts.Succeeded,9} {counts.Failed,6} {counts.Poisoned,8}");
        }

        return text.Append(report.AllSucceeded ? "All work succeeded." : $"Work failed: {report.Poisoned} message(s) poisoned, {report.FailedTimerRuns} timer run(s) failed.")
            .AppendLine().ToString();
    }
}
