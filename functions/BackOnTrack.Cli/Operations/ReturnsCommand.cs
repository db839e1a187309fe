using BackOnTrack.Cli.Hosting;
using System.CommandLine;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Application.Hosting;
using BackOnTrack.Cli.Operations.Output;
using BackOnTrack.Application.Operations;

namespace BackOnTrack.Cli.Operations;

/// <summary><c>returns [--term AUT|SPR|SUM] [--academic-year yyyy-yy] [--as-of yyyy-MM-dd]</c>: the returns tracker.</summary>
public static class ReturnsCommand
{
    public static Command Build(Action<HostApplicationBuilder>? configure = null)
    {
        var term = new Option<Period?>("--term") { Description = "AUT, SPR or SUM (default: the term of the as-of date).", CustomParser = ParseTerm };
        var year = new Option<AcademicYear?>("--academic-year") { Description = "yyyy-yy (default: the academic year of the as-of date).", CustomParser = ParseYear };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Run as if today were this date (yyyy-MM-dd).", CustomParser = HubCommandLine.ParseDate };
        var command = new Command("returns", "The returns tracker: which kinds of data each school sent this term, when, with what status; schools with no accepted drop are flagged.") { term, year, asOf };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(term), result.GetValue(year), result.GetValue(asOf), result.InvocationConfiguration.Output, configure, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(
        Period? term, AcademicYear? year, DateOnly? asOf, TextWriter output, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        TimeProvider clock = asOf is { } date ? AsOfTimeProvider.OnDate(date) : TimeProvider.System;
        using var app = await OperationsApp.OpenAsync(clock, configure, cancellationToken).ConfigureAwait(false);
        var tracker = app.Services.GetRequiredService<ReturnsTrackerUseCase>();
        var (currentYear, currentTerm) = tracker.CurrentTerm();
        var returns = await tracker.ForTermAsync(year ?? currentYear, term ?? currentTerm, cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(ReturnsTable.Format(returns)).ConfigureAwait(false);
        return 0;
    }

    private static Period? ParseTerm(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (PeriodCodes.TryParse(text, out var period) && period != Period.Year)
        {
            return period;
        }

        result.AddError($"--term takes AUT, SPR or SUM, not '{text}'.");
        return null;
    }

    private static AcademicYear? ParseYear(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (AcademicYear.TryParse(text, out var year))
        {
            return year;
        }

        result.AddError($"--academic-year takes yyyy-yy (e.g. 2025-26), not '{text}'.");
        return null;
    }
}
