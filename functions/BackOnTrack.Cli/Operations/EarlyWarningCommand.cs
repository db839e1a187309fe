using BackOnTrack.Application.Hosting;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BackOnTrack.Application.EarlyWarning;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.Cli.Operations.Output;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Cli.Operations;

/// <summary>
/// <c>early-warning [--as-of yyyy-MM-dd] [--school laestab]</c>: the LA's early-warning table and its flagged pupils by
/// pupil key; <c>early-warning backtest --academic-year yyyy-yy [--lead-days 28] [--interval monthly|weekly] [--json]</c>:
/// how the rules would have done over a past year.
/// </summary>
public static class EarlyWarningCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static Command Build(Action<HostApplicationBuilder>? configure = null)
    {
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Replay the rules over the stored data as of this date (yyyy-MM-dd), writing nothing; default: the table as the last recompute left it.", CustomParser = HubCommandLine.ParseDate };
        var school = new Option<Laestab?>("--school") { Description = "One school's pupils (its 7-digit LAESTAB); default: every school.", CustomParser = ParseSchool };
        var command = new Command("early-warning", "Pupils flagged by the early-warning rules, by pupil key (never a UPN or name), with reasons, evidence and status New/Continuing/Cleared, and the counts by school and reason.")
        {
            asOf, school, BuildBacktest(configure),
        };
        command.SetAction((result, cancellationToken) => ListAsync(result.GetValue(school), result.GetValue(asOf), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, configure, cancellationToken));
        return command;
    }

    private static Command BuildBacktest(Action<HostApplicationBuilder>? configure)
    {
        var year = new Option<AcademicYear?>("--academic-year") { Description = "The past year to replay, yyyy-yy (e.g. 2024-25).", Required = true, CustomParser = ParseYear };
        var lead = new Option<int>("--lead-days") { Description = "Days a flag must come before an exclusion to count as caught (default 28).", DefaultValueFactory = _ => 28, CustomParser = ParseLead };
        var interval = new Option<BacktestInterval>("--interval") { Description = "How often to replay the flags: monthly (the last day of each month, default) or weekly (every Friday).", DefaultValueFactory = _ => BacktestInterval.Monthly, CustomParser = ParseInterval };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON instead of the table." };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Run as if today were this date (yyyy-MM-dd): no as-of date after it is replayed.", CustomParser = HubCommandLine.ParseDate };
        var command = new Command("backtest", "Replay the early-warning rules across a past academic year and report, per rule and for the flag rule, how many pupils later permanently excluded or suspended were flagged beforehand, how long before, and how many flags were false alarms.")
        {
            year, lead, interval, json, asOf,
        };
        command.SetAction((result, cancellationToken) => BacktestAsync(
            result.GetRequiredValue(year)!.Value, result.GetValue(lead), result.GetValue(interval), result.GetValue(json), result.GetValue(asOf), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, configure, cancellationToken));
        return command;
    }

    // Failures (settings, storage) are one line from the shared handler (CliInvocation).
    internal static async Task<int> ListAsync(Laestab? school, DateOnly? asOf, TextWriter stdout, TextWriter stderr, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        TimeProvider clock = asOf is { } date ? AsOfTimeProvider.OnDate(date) : TimeProvider.System;
        using var app = await OperationsApp.OpenAsync(clock, configure, cancellationToken).ConfigureAwait(false);
        var list = await app.Services.GetRequiredService<EarlyWarningReview>().ListAsync(school, asOf, cancellationToken).ConfigureAwait(false);
        await stdout.WriteAsync(EarlyWarningTables.FormatList(list, school?.Value)).ConfigureAwait(false);
        return 0;
    }

    internal static async Task<int> BacktestAsync(
        AcademicYear year, int leadDays, BacktestInterval interval, bool json, DateOnly? asOf, TextWriter stdout, TextWriter stderr, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        TimeProvider clock = asOf is { } date ? AsOfTimeProvider.OnDate(date) : TimeProvider.System;
        using var app = await OperationsApp.OpenAsync(clock, configure, cancellationToken).ConfigureAwait(false);
        var result = await app.Services.GetRequiredService<EarlyWarningReview>().BacktestAsync(year, leadDays, interval, cancellationToken).ConfigureAwait(false);
        if (result.AsOfDates.Count == 0)
        {
            await stderr.WriteLineAsync($"early-warning backtest: {year} has no as-of date before today; choose a year that has begun.").ConfigureAwait(false);
            return 2;
        }

        await stdout.WriteAsync(json ? JsonSerializer.Serialize(ToJson(result), Json) + Environment.NewLine : EarlyWarningTables.FormatBacktest(result)).ConfigureAwait(false);
        return 0;
    }

    private static object ToJson(BacktestResult result) => new
    {
        academicYear = result.Year.ToString(),
        result.LeadDays,
        asOfDates = result.AsOfDates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        result.PupilsAssessed,
        outcomes = result.Outcomes.ToDictionary(o => o.Key.ToString(), o => o.Value.Select(r => new
        {
            r.Rule,
            r.Pupils,
            flaggedBefore = r.Caught,
            caughtShare = r.CaughtShare,
            r.MedianLeadDays,
            flagged = r.Held,
            flaggedThenOutcome = r.HeldThenOutcome,
            r.FalseAlarms,
            hitShare = r.HitShare,
        })),
    };

    private static Laestab? ParseSchool(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Laestab.TryParse(text, out var school, out _))
        {
            return school;
        }

        result.AddError($"--school takes a school's 7-digit LAESTAB (e.g. 3724001), not '{text}'.");
        return null;
    }

    private static AcademicYear? ParseYear(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (AcademicYear.TryParse(text, out var year))
        {
            return year;
        }

        result.AddError($"--academic-year takes yyyy-yy (e.g. 2024-25), not '{text}'.");
        return null;
    }

    private static int ParseLead(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= 365)
        {
            return days;
        }

        result.AddError($"--lead-days takes a whole number of days from 0 to 365, not '{text}'.");
        return 0;
    }

    private static BacktestInterval ParseInterval(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Enum.TryParse<BacktestInterval>(text, ignoreCase: true, out var interval) && !int.TryParse(text, out _))
        {
            return interval;
        }

        result.AddError($"--interval takes monthly or weekly, not '{text}'.");
        return BacktestInterval.Monthly;
    }
}
