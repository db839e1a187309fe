using System.CommandLine;
using System.Globalization;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Application.Operations;
using BackOnTrack.Cli.Hosting;

namespace BackOnTrack.Cli.Operations;

/// <summary><c>pupil key &lt;UPN&gt;</c> and <c>pupil erase &lt;UPN or pupilKey&gt; --reason</c>.</summary>
public static class PupilCommand
{
    public static Command Build(Action<HostApplicationBuilder>? configure = null)
    {
        var upn = new Argument<string>("upn") { Description = "The pupil's UPN (13 characters, check letter first)." };
        var key = new Command("key", "Print the pupilKey a UPN has under the configured pseudonymisation key; nothing is stored or logged.") { upn };
        key.SetAction((result, cancellationToken) => KeyAsync(result.GetRequiredValue(upn), result.InvocationConfiguration.Output, configure, cancellationToken));

        var pupil = new Argument<string>("pupil") { Description = "The pupil's UPN, or the pupilKey (32 hex characters)." };
        var by = new Option<string>("--by") { Description = "Who erases, for the audit entry (default: the signed-in user)." };
        var reason = new Option<string>("--reason") { Description = "Why (e.g. the request's reference), for the audit entry; it must not contain the pupil's UPN or key.", Required = true };
        var erase = new Command("erase", "Remove one pupil from every table that holds pupil rows, recompute the affected metrics, and write an audit entry without any identifier.") { pupil, by, reason };
        erase.SetAction((result, cancellationToken) => EraseAsync(
            result.GetRequiredValue(pupil), result.GetValue(by) ?? OperationsApp.DefaultOperator, result.GetRequiredValue(reason), result.InvocationConfiguration.Output, configure, cancellationToken));

        return new Command("pupil", "One pupil: look up their pupilKey, or erase them.") { key, erase };
    }

    internal static async Task<int> KeyAsync(string upnText, TextWriter output, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        if (!Upn.TryParse(upnText, out var upn, out var reason))
        {
            throw new UsageException(reason);
        }

        using var app = await OperationsApp.OpenAsync(TimeProvider.System, configure, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(app.Services.GetRequiredService<PupilKeyLookup>().KeyFor(upn).Value).ConfigureAwait(false);
        return 0;
    }

    internal static async Task<int> EraseAsync(string pupilText, string by, string reason, TextWriter output, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        // Said without repeating what was typed: it may be a UPN.
        if (reason.Contains(pupilText.Trim(), StringComparison.OrdinalIgnoreCase) || by.Contains(pupilText.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException("--reason and --by go to the audit log, which holds no identifier: leave the UPN or key out of them.");
        }

        var isUpn = Upn.TryParse(pupilText, out var upn, out _);
        if (!PupilKey.TryParse(pupilText, out var pupil) && !isUpn)
        {
            throw new UsageException("That is neither a valid UPN nor a pupilKey (32 hex characters).");
        }

        using var app = await OperationsApp.OpenAsync(TimeProvider.System, configure, cancellationToken).ConfigureAwait(false);
        if (isUpn)
        {
            pupil = app.Services.GetRequiredService<PupilKeyLookup>().KeyFor(upn);
        }

        var result = await app.Services.GetRequiredService<ErasePupilUseCase>().EraseAsync(pupil, by, reason, cancellationToken).ConfigureAwait(false);
        var counts = string.Join(", ", result.RowsRemoved.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value}")));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Erased the pupil: {result.TotalRows} rows removed ({counts}); {result.MetricsRequests} metrics recompute(s) requested; audit entry written.")).ConfigureAwait(false);
        return 0;
    }
}
