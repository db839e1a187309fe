using System.CommandLine;
using System.Globalization;
using BackOnTrack.Application.Operations;
using BackOnTrack.Cli.Hosting;

namespace BackOnTrack.Cli.Operations;

/// <summary><c>rekey</c>: moves every pupilKey to the key in <c>Hub__NextPseudonymisationKey</c> (README, "Re-keying pupils").</summary>
public static class RekeyCommand
{
    public static Command Build(Action<HostApplicationBuilder>? configure = null)
    {
        var by = new Option<string>("--by") { Description = "Who runs it, for the audit entry (default: the signed-in user)." };
        var command = new Command("rekey", "Re-key every pupilKey from the current key chain to Hub__NextPseudonymisationKey (set in the environment or Key Vault, never on the command line). Stop ingest first; safe to run again if interrupted.") { by };
        command.SetAction((result, cancellationToken) => ProgressDisplay.RunAsync("rekey", result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, (output, progress) =>
            RunAsync(result.GetValue(by) ?? OperationsApp.DefaultOperator, output, new Steps(progress), configure, cancellationToken)));
        return command;
    }

    internal static async Task<int> RunAsync(
        string by, TextWriter output, IProgress<RekeyProgress>? progress, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        using var app = await OperationsApp.OpenAsync(TimeProvider.System, configure, cancellationToken).ConfigureAwait(false);
        var outcome = await app.Services.GetRequiredService<RekeyUseCase>().RekeyAsync(by, progress, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(outcome.Result switch
        {
            RekeyResult.Completed =>
                string.Create(CultureInfo.InvariantCulture, $"Re-keyed {string.Join(", ", outcome.RowsRekeyed.Select(r => $"{r.Key} {r.Value}"))} rows. ") +
                "Now append the current Hub__PseudonymisationKey to Hub__PreviousPseudonymisationKeys, make Hub__NextPseudonymisationKey the " +
                "Hub__PseudonymisationKey, clear Hub__NextPseudonymisationKey, and start ingest again.",
            RekeyResult.AlreadyComplete => "This key's re-key already finished; nothing changed. Switch the settings as the README says if not done yet.",
            RekeyResult.OtherRotationRunning => "A re-key towards another key started and did not finish: set Hub__NextPseudonymisationKey back to that key and run rekey again to finish it first.",
            _ => "Hub__NextPseudonymisationKey must be base64 of at least 32 random bytes, and not a key already in use (current or previous).",
        }).ConfigureAwait(false);
        return outcome.Result is RekeyResult.Completed or RekeyResult.AlreadyComplete ? 0 : 1;
    }

    /// <summary>The rows re-keyed so far as the display shows them (how many rows remain is not known without reading them all first).</summary>
    private sealed class Steps(IProgress<ProgressStep> display) : IProgress<RekeyProgress>
    {
        private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);

        public void Report(RekeyProgress value)
        {
            _rows[value.Table] = value.RowsRekeyed;
            var total = _rows.Values.Sum();
            display.Report(new ProgressStep(string.Create(CultureInfo.InvariantCulture, $"{value.Table}, {total:N0} rows re-keyed"), total, null));
        }
    }
}
