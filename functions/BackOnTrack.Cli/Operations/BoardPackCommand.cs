using BackOnTrack.Application.Hosting;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using BackOnTrack.Application.BoardPack;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.M365;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Cli.Operations;

/// <summary>
/// <c>board-pack [--month yyyy-MM] [--as-of yyyy-MM-dd] [--output folder]</c>: makes a month's board pack from the
/// tables and publishes it as the monthly timer does (the board's library in Graph mode, the outbox otherwise).
/// </summary>
public static class BoardPackCommand
{
    public static Command Build(Action<HostApplicationBuilder>? configure = null)
    {
        var month = new Option<(int Year, int Month)?>("--month") { Description = "The month's pack to make, yyyy-MM (default: the as-of date's month). Dated today within the current month, an earlier month at its first weekday (as the timer made it).", CustomParser = ParseMonth };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Run as if today were this date (yyyy-MM-dd).", CustomParser = HubCommandLine.ParseDate };
        var output = new Option<DirectoryInfo?>("--output") { Description = "Also write board-pack.pdf and board-pack.html into this folder (created if missing)." };
        var command = new Command("board-pack", "Make the strategy board's pack for a month (PDF and HTML) from the hub's tables, keep it in reports/board-pack/{yyyy-MM}/ and publish it: to the board's SharePoint library in Graph mode with M365__BoardPackDriveId, else to the outbox.") { month, asOf, output };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(month), result.GetValue(asOf), result.GetValue(output), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, configure, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(
        (int Year, int Month)? month, DateOnly? asOf, DirectoryInfo? output, TextWriter stdout, TextWriter stderr, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        // Failures (settings, storage, Graph) are one line from the shared handler (CliInvocation).
        TimeProvider clock = asOf is { } date ? AsOfTimeProvider.OnDate(date) : TimeProvider.System;
        using var app = await OperationsApp.OpenAsync(clock, configure, cancellationToken).ConfigureAwait(false);
        var useCase = app.Services.GetRequiredService<BoardPackUseCase>();
        var today = Core.Tracker.UkCalendar.Today(clock.GetUtcNow());
        var (year, monthNumber) = month ?? (today.Year, today.Month);
        if (useCase.AsOfForMonth(year, monthNumber) is not { } packDate)
        {
            await stderr.WriteLineAsync($"board-pack: {year:D4}-{monthNumber:D2} has not begun (today is {today:yyyy-MM-dd}).").ConfigureAwait(false);
            return 2;
        }

        var run = await useCase.PublishAsync(packDate, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Board pack {run.Month}, data as of {run.AsOf:d MMMM yyyy}:")).ConfigureAwait(false);
        foreach (var file in run.Rendered)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {run.Copies[file.Name]} ({file.Content.Length:N0} bytes)")).ConfigureAwait(false);
        }

        var m365 = app.Services.GetRequiredService<IOptions<M365Options>>().Value;
        var why = m365.EffectiveMode == M365Mode.Graph ? "M365__BoardPackDriveId is not set" : "M365 mode is Outbox";
        await stdout.WriteLineAsync(run.InSharePoint
            ? "Published to the board's SharePoint library: " + string.Join(", ", run.Files.Select(f => f.Url))
            : $"Recorded in the outbox (channel BoardPack), not uploaded: {why}.").ConfigureAwait(false);
        if (output is not null)
        {
            output.Create();
            foreach (var file in run.Rendered)
            {
                var path = Path.Combine(output.FullName, file.Name);
                await File.WriteAllBytesAsync(path, file.Content, cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync($"  written to {path}").ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static (int Year, int Month)? ParseMonth(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return (first.Year, first.Month);
        }

        result.AddError($"--month takes a month as yyyy-MM (e.g. 2026-12), not '{text}'.");
        return null;
    }
}
