using BackOnTrack.Storage.Files;
using Azure.Storage.Blobs;
using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Hosting;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Drops;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Benchmarks;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Cli.Hosting;

/// <summary>
/// The <c>conformance &lt;folder&gt;</c> verb: loads every CSV in a folder of DfE statistics into table Benchmarks on
/// the configured storage, each uploaded to <c>benchmarks/</c> and ingested exactly as IngestDrop ingests it, then
/// prints per file the rows read, rows with suppressed figures, and rows whose published rate does not follow from
/// the published counts. Exit code 0 when every file loaded (was stored, not rejected), 1 otherwise.
/// </summary>
public static class ConformanceCommand
{
    /// <summary>How many findings and rejected rows are printed per file; the file's report lists them all.</summary>
    private const int ListedPerFile = 5;

    /// <summary>The verb, for the root command.</summary>
    public static Command Build(Action<HostApplicationBuilder>? configure = null)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "A folder of DfE Explore Education Statistics CSV files." };
        var command = new Command("conformance", "Load every DfE statistics CSV in a folder into Benchmarks and report suppressed figures and published rates that do not follow from the published counts.") { folder };
        command.SetAction((result, cancellationToken) => ProgressDisplay.RunAsync("conformance", result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, (output, progress) =>
            RunAsync(result.GetRequiredValue(folder), output, progress, configure, cancellationToken)));
        return command;
    }

    /// <param name="configure">Last-minute registrations, for tests (as <see cref="HubApp.Build"/>).</param>
    /// <param name="progress">Told each file as its load starts (files done of the folder's), and when all are done.</param>
    internal static async Task<int> RunAsync(
        DirectoryInfo folder, TextWriter output, IProgress<ProgressStep>? progress, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        if (!folder.Exists)
        {
            await output.WriteLineAsync($"There is no folder {folder.FullName}.").ConfigureAwait(false);
            return 1;
        }

        // The hub's own composition, not started: no port is opened; its per-file logs would bury the table.
        using var app = await Operations.OperationsApp.OpenAsync(TimeProvider.System, configure, cancellationToken).ConfigureAwait(false);
        var benchmarks = app.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(HubStorageNames.Containers.Benchmarks);
        var reports = app.Services.GetRequiredService<IReportFiles>();
        var ingest = app.Services.GetRequiredService<IngestDropUseCase>();
        var drops = app.Services.GetRequiredService<DataDropStore>();
        var hub = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;

        var files = folder.EnumerateFiles("*.csv").OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var loaded = new List<(string File, DataDrop? Drop, DropReport? Report)>();
        foreach (var file in files)
        {
            progress?.Report(new ProgressStep($"{file.Name} (file {loaded.Count + 1} of {files.Count})", loaded.Count, files.Count));
            await using (var content = file.OpenRead())
            {
                await benchmarks.GetBlobClient(file.Name)
                    .WriteAsync(content, "text/csv", cancellationToken)
                    .ConfigureAwait(false);
            }

            // The blob's current version is what IngestDrop reads, so the event needs only its address.
            var outcome = await ingest.IngestAsync(new BlobCreatedEvent(HubStorageNames.Containers.Benchmarks, file.Name, null), cancellationToken).ConfigureAwait(false);
            var drop = outcome.DropId is null ? null : await drops.GetAsync(ImportBenchmarksUseCase.Scope, outcome.DropId, cancellationToken).ConfigureAwait(false);
            loaded.Add((file.Name, drop, await ReadReportAsync(reports, drop, cancellationToken).ConfigureAwait(false)));
        }

        progress?.Report(new ProgressStep($"{files.Count} file(s) loaded", files.Count, files.Count));
        var store = app.Services.GetRequiredService<IBenchmarks>();
        var home = await store.CountAsync(BenchmarkLevel.LA, hub.LocalAuthority, cancellationToken).ConfigureAwait(false);
        var region = await store.CountAsync(BenchmarkLevel.Region, hub.Region, cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(Format(folder.FullName, loaded, hub, home, region)).ConfigureAwait(false);
        return loaded.TrueForAll(f => f.Drop?.Status == DropStatus.Processed) ? 0 : 1;
    }

    private static async Task<DropReport?> ReadReportAsync(IReportFiles reports, DataDrop? drop, CancellationToken cancellationToken)
    {
        if (drop?.ReportBlob is null || await reports.OpenReadAsync(drop.ReportBlob, cancellationToken).ConfigureAwait(false) is not { } content)
        {
            return null;
        }

        await using (content.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<DropReport>(content, IngestDropUseCase.ReportJson, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Format(
        string folder, List<(string File, DataDrop? Drop, DropReport? Report)> files, HubOptions hub, (int Rows, int Ranked) home, (int Rows, int Ranked) region)
    {
        var text = new System.Text.StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Conformance of {files.Count} DfE statistics file(s) in {folder}, loaded into Benchmarks:").AppendLine();
        var width = Math.Max(20, files.Select(f => f.File.Length).DefaultIfEmpty(0).Max());
        text.AppendLine(c, $"{"file".PadRight(width)}  {"layout",-17} {"status",-9} {"read",7} {"stored",7} {"skipped",7} {"rejected",8} {"suppressed",10} {"rate-mismatch",13} {"fractional",10}");
        foreach (var (file, drop, report) in files)
        {
            var summary = report?.Benchmarks;
            text.AppendLine(c,
                $"{file.PadRight(width)}  {drop?.Layout ?? "-",-17} {drop?.Status.ToString() ?? "failed",-9} {drop?.RowsRead ?? 0,7} {drop?.RowsAccepted ?? 0,7} {summary?.RowsSkipped ?? 0,7} {drop?.RowsRejected ?? 0,8} {summary?.RowsWithSuppressedValues ?? 0,10} {summary?.RowsNotConforming ?? 0,13} {summary?.RowsWithFractionalCounts ?? 0,10}");
        }

        text.AppendLine()
            .AppendLine("suppressed: rows with a figure shown as x, z, :, ., SUPP or blank. rate-mismatch: rows whose published rate is not")
            .AppendLine("the published count x 100 / the published headcount (possible sessions, enrolments) rounded as published.")
            .AppendLine("fractional: rows with a count that is not a whole number. Both are reported as DfE published them, never corrected.");

        foreach (var (file, drop, report) in files)
        {
            if (drop is null || report is null)
            {
                text.AppendLine().AppendLine(c, $"{file}: not ingested.");
                continue;
            }

            if (report.Reason is not null)
            {
                text.AppendLine().AppendLine(c, $"{file}: {report.Reason}");
            }

            var findings = report.Benchmarks?.Findings ?? [];
            var rejections = report.Rejections;
            if (findings.Count == 0 && rejections.Count == 0)
            {
                continue;
            }

            text.AppendLine().AppendLine(c, $"Findings in {file} (all of them in {HubStorageNames.Containers.Reports}/{drop.ReportBlob}):");
            foreach (var finding in findings.Take(ListedPerFile))
            {
                text.AppendLine(c, $"  row {finding.RowNumber} {finding.PartitionKey} {finding.RowKey} {finding.Measure}: {finding.Detail}");
            }

            foreach (var rejection in rejections.Take(ListedPerFile))
            {
                text.AppendLine(c, $"  row {rejection.RowNumber} rejected, {rejection.Column}: {rejection.Reason}");
            }
        }

        var failed = files.Count(f => f.Drop?.Status != DropStatus.Processed);
        return text.AppendLine()
            .AppendLine(c, $"Home LA {hub.LocalAuthority}: {home.Rows} LA rows, {home.Ranked} with ranks; region {hub.Region}: {region.Rows} rows.")
            .AppendLine(failed == 0 ? $"All {files.Count} file(s) loaded." : $"{failed} of {files.Count} file(s) did not load.")
            .ToString();
    }
}
