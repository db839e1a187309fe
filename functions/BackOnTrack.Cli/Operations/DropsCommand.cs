using BackOnTrack.Core.Drops;
using System.CommandLine;
using System.Globalization;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.Cli.Operations.Output;
using BackOnTrack.Application.Operations;

namespace BackOnTrack.Cli.Operations;

/// <summary><c>drops list|reprocess|withdraw</c>: a school's drops, run one again, or take one back.</summary>
public static class DropsCommand
{
    public static Command Build(Action<HostApplicationBuilder>? configure = null)
    {
        var school = new Option<string>("--school") { Description = "The school's LAESTAB (or LA, plans, benchmarks).", Required = true };
        var list = new Command("list", "List a school's drops: status, kind, rows, received and processed times.") { school };
        list.SetAction((result, cancellationToken) => ListAsync(result.GetRequiredValue(school), result.InvocationConfiguration.Output, configure, cancellationToken));

        var (reprocessScope, reprocessDrop) = DropArguments();
        var reprocess = new Command("reprocess", "Run a drop again through the current rules (its raw file must still exist).") { reprocessScope, reprocessDrop };
        reprocess.SetAction((result, cancellationToken) =>
            ReprocessAsync(result.GetRequiredValue(reprocessScope), result.GetRequiredValue(reprocessDrop), OperationsApp.DefaultOperator, result.InvocationConfiguration.Output, configure, cancellationToken));

        var (withdrawScope, withdrawDrop) = DropArguments();
        var by = new Option<string>("--by") { Description = "Who withdraws it, for the audit entry (default: the signed-in user)." };
        var reason = new Option<string>("--reason") { Description = "Why, for the audit entry." };
        var withdraw = new Command("withdraw", "Withdraw a drop: its rows are removed, its status becomes Withdrawn and its metrics are recomputed.") { withdrawScope, withdrawDrop, by, reason };
        withdraw.SetAction((result, cancellationToken) => WithdrawAsync(
            result.GetRequiredValue(withdrawScope), result.GetRequiredValue(withdrawDrop), result.GetValue(by) ?? OperationsApp.DefaultOperator, result.GetValue(reason) ?? "",
            result.InvocationConfiguration.Output, configure, cancellationToken));

        return new Command("drops", "A school's data drops.") { list, reprocess, withdraw };
    }

    internal static async Task<int> ListAsync(string scopeText, TextWriter output, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        var scope = OperationsApp.ParseScope(scopeText) ?? throw new UsageException(ScopeError(scopeText));

        using var app = await OperationsApp.OpenAsync(TimeProvider.System, configure, cancellationToken).ConfigureAwait(false);
        var drops = await app.Services.GetRequiredService<ListDropsUseCase>().ListAsync(scope, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(DropsTable.Format(scope, drops)).ConfigureAwait(false);
        return 0;
    }

    internal static async Task<int> ReprocessAsync(string scopeText, string dropText, string by, TextWriter output, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        var scope = OperationsApp.ParseScope(scopeText) ?? throw new UsageException(ScopeError(scopeText));

        using var app = await OperationsApp.OpenAsync(TimeProvider.System, configure, cancellationToken).ConfigureAwait(false);
        if (await ResolveAsync(app, scope, dropText, output, cancellationToken).ConfigureAwait(false) is not { } drop)
        {
            return 1;
        }

        var outcome = await app.Services.GetRequiredService<ReprocessDropUseCase>().ReprocessAsync(scope, drop.DropId, by, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(outcome.Result switch
        {
            ReprocessResult.Reprocessed => string.Create(CultureInfo.InvariantCulture, $"Reprocessed {Short(drop)} ({outcome.Container}/{outcome.BlobName}): {outcome.RowsRemoved} earlier rows removed. {outcome.Ingest!.Summary}"),
            ReprocessResult.BlobGone => $"Cannot reprocess {Short(drop)}: its raw file {outcome.Container}/{outcome.BlobName} no longer exists (raw files are deleted after Ingest__RawRetentionDays). Ask the school to upload it again.",
            ReprocessResult.BlobReplaced => $"Cannot reprocess {Short(drop)}: {outcome.Container}/{outcome.BlobName} now holds a newer version; reprocess that drop instead (drops list).",
            _ => $"No drop {dropText} from {scope}.",
        }).ConfigureAwait(false);
        return outcome.Result == ReprocessResult.Reprocessed ? 0 : 1;
    }

    internal static async Task<int> WithdrawAsync(
        string scopeText, string dropText, string by, string reason, TextWriter output, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        var scope = OperationsApp.ParseScope(scopeText) ?? throw new UsageException(ScopeError(scopeText));

        using var app = await OperationsApp.OpenAsync(TimeProvider.System, configure, cancellationToken).ConfigureAwait(false);
        if (await ResolveAsync(app, scope, dropText, output, cancellationToken).ConfigureAwait(false) is not { } drop)
        {
            return 1;
        }

        var outcome = await app.Services.GetRequiredService<WithdrawDropUseCase>().WithdrawAsync(scope, drop.DropId, by, reason, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(outcome.Result switch
        {
            WithdrawResult.Withdrawn => string.Create(CultureInfo.InvariantCulture, $"Withdrew {Short(drop)} ({drop.BlobName}): {outcome.RowsRemoved} rows removed, {outcome.MetricsRequests} metrics recompute(s) requested."),
            WithdrawResult.AlreadyWithdrawn => $"{Short(drop)} was already withdrawn; nothing changed.",
            _ => $"Cannot withdraw {Short(drop)}: it is {outcome.Status}, and only a Processed drop has rows to withdraw.",
        }).ConfigureAwait(false);
        return outcome.Result is WithdrawResult.Withdrawn or WithdrawResult.AlreadyWithdrawn ? 0 : 1;
    }

    private static (Argument<string> Scope, Argument<string> Drop) DropArguments() =>
        (new Argument<string>("laestab") { Description = "The school's LAESTAB (or LA, plans, benchmarks)." },
         new Argument<string>("dropId") { Description = "The drop's id, or its first 12 or more characters as drops list prints them." });

    /// <summary>The drop a full id or an unambiguous prefix (at least <see cref="DropsTable.ShortId"/> characters) names.</summary>
    private static async Task<DataDrop?> ResolveAsync(IHost app, string scope, string text, TextWriter output, CancellationToken cancellationToken)
    {
        var prefix = text.Trim().ToLowerInvariant();
        var matches = prefix.Length < DropsTable.ShortId
            ? []
            : (await app.Services.GetRequiredService<ListDropsUseCase>().ListAsync(scope, cancellationToken).ConfigureAwait(false))
                .Where(d => d.DropId.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        await output.WriteLineAsync(matches.Count == 0
            ? $"No drop {text} from {scope} (give at least {DropsTable.ShortId} characters of an id that drops list prints)."
            : $"{text} matches {matches.Count} drops from {scope}; give more of the id.").ConfigureAwait(false);
        return null;
    }

    private static string Short(DataDrop drop) => drop.DropId[..DropsTable.ShortId];

    private static string ScopeError(string text) => $"'{text}' is not a school's LAESTAB (7 digits), LA, plans or benchmarks.";
}
