using System.CommandLine;
using System.Globalization;
using BackOnTrack.Application.Operations;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.Storage;

namespace BackOnTrack.Cli.Operations;

/// <summary><c>export [--container] [--prefix]</c> and <c>restore --from &lt;prefix&gt; [--container] [--force]</c>.</summary>
public static class BackupCommands
{
    public static Command BuildExport(Action<HostApplicationBuilder>? configure = null)
    {
        var container = new Option<string>("--container") { Description = "Blob container to write to.", DefaultValueFactory = _ => HubStorageNames.Containers.Backups };
        var prefix = new Option<string?>("--prefix") { Description = "Folder for this export (default: its UTC time, yyyyMMddTHHmmssZ)." };
        var command = new Command("export", "Export every table to JSON lines (one blob per table, Edm types kept) and a manifest.") { container, prefix };
        command.SetAction((result, cancellationToken) => ProgressDisplay.RunAsync("export", result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, (output, progress) =>
            ExportAsync(result.GetRequiredValue(container), result.GetValue(prefix), output, progress, configure, cancellationToken)));
        return command;
    }

    public static Command BuildRestore(Action<HostApplicationBuilder>? configure = null)
    {
        var from = new Option<string>("--from") { Description = "The export's folder (its prefix), as export printed it.", Required = true };
        var container = new Option<string>("--container") { Description = "Blob container the export is in.", DefaultValueFactory = _ => HubStorageNames.Containers.Backups };
        var force = new Option<bool>("--force") { Description = "Restore even though tables hold rows (exported rows replace rows with the same keys)." };
        var command = new Command("restore", "Restore an export into the configured account's tables; refuses tables that hold rows unless --force.") { from, container, force };
        command.SetAction((result, cancellationToken) => ProgressDisplay.RunAsync("restore", result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, (output, progress) =>
            RestoreAsync(result.GetRequiredValue(from), result.GetRequiredValue(container), result.GetValue(force), output, progress, configure, cancellationToken)));
        return command;
    }

    internal static async Task<int> ExportAsync(
        string container, string? prefix, TextWriter output, IProgress<ProgressStep>? progress, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        using var app = await OperationsApp.OpenAsync(TimeProvider.System, configure, cancellationToken).ConfigureAwait(false);
        var export = app.Services.GetRequiredService<ExportTablesUseCase>();
        var folder = string.IsNullOrWhiteSpace(prefix) ? export.DefaultPrefix() : prefix.Trim('/');
        var manifest = await export.ExportAsync(container, folder, Steps(progress), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Exported {manifest.Tables.Values.Sum()} rows from {manifest.Tables.Count} tables to {container}/{folder}/ ({string.Join(", ", manifest.Tables.Where(t => t.Value > 0).Select(t => $"{t.Key} {t.Value}"))}).")).ConfigureAwait(false);
        return 0;
    }

    internal static async Task<int> RestoreAsync(
        string from, string container, bool force, TextWriter output, IProgress<ProgressStep>? progress, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        using var app = await OperationsApp.OpenAsync(TimeProvider.System, configure, cancellationToken).ConfigureAwait(false);
        var prefix = from.Trim('/');
        var outcome = await app.Services.GetRequiredService<RestoreTablesUseCase>().RestoreAsync(container, prefix, force, Steps(progress), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(outcome.Result switch
        {
            RestoreResult.Restored => string.Create(CultureInfo.InvariantCulture,
                $"Restored {outcome.Rows.Values.Sum()} rows into {outcome.Rows.Count} tables from {container}/{prefix}/ ({string.Join(", ", outcome.Rows.Where(t => t.Value > 0).Select(t => $"{t.Key} {t.Value}"))})."),
            RestoreResult.NotEmpty => $"Refused: {string.Join(", ", outcome.NonEmptyTables)} already hold rows. Restore into an empty account, or add --force to write over them.",
            _ => $"No complete export at {container}/{prefix}/ (its manifest.json is missing).",
        }).ConfigureAwait(false);
        return outcome.Result == RestoreResult.Restored ? 0 : 1;
    }

    /// <summary>A table copy's progress as the display shows it: rows of the whole where known (restore), else tables done (export).</summary>
    internal static ProgressStep Step(TableCopyProgress p) =>
        p.TotalRows is { } total
            ? new ProgressStep(string.Create(CultureInfo.InvariantCulture, $"{p.Table} (table {p.TableNumber} of {p.Tables}), {p.RunRows:N0} rows"), p.RunRows, total)
            : new ProgressStep(string.Create(CultureInfo.InvariantCulture, $"{p.Table} (table {p.TableNumber} of {p.Tables}), {p.RunRows:N0} rows"), p.TableDone ? p.TableNumber : p.TableNumber - 1, p.Tables);

    private static Progress? Steps(IProgress<ProgressStep>? progress) => progress is null ? null : new Progress(progress);

    private sealed class Progress(IProgress<ProgressStep> display) : IProgress<TableCopyProgress>
    {
        public void Report(TableCopyProgress value) => display.Report(Step(value));
    }
}
