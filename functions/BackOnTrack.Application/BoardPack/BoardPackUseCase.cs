using System.Globalization;
using System.Text;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Operations;
using BackOnTrack.BoardPack.Html;
using BackOnTrack.BoardPack.Pdf;
using BackOnTrack.Core.BoardPack;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Tracker;
using BackOnTrack.M365.SharePoint;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.BoardPack;

/// <summary>What one production of the pack came to.</summary>
/// <param name="Month"><c>yyyy-MM</c>: the month's folder, in the library and in <c>reports</c>.</param>
/// <param name="Copies">Each file's path in the hub's own copy (<c>reports/board-pack/{yyyy-MM}/…</c>).</param>
/// <param name="Rendered">The files as rendered.</param>
public sealed record BoardPackRun(
    string Month, DateOnly AsOf, bool InSharePoint, IReadOnlyList<PublishedBoardPackFile> Files, IReadOnlyDictionary<string, string> Copies, IReadOnlyList<BoardPackFile> Rendered);

/// <summary>
/// The strategy board's monthly pack (docs/architecture.md §Board pack): reads every row the pack is built from (the LA's
/// Metrics rows for every year held, the Benchmarks for England, the region and the home LA, CohortOutcomes, the action
/// plan, the term's returns and the schools register), builds the model, renders the PDF and the HTML page, keeps a copy
/// in <c>reports</c>, and publishes them to the board's library (or the outbox), replacing the same month's files.
/// </summary>
public sealed partial class BoardPackUseCase(
    IMetricRows metrics,
    IBenchmarks benchmarks,
    ICohortOutcomes cohorts,
    IActionPlans plans,
    ReturnsTrackerUseCase returns,
    ISchoolRegister register,
    IEarlyWarnings earlyWarnings,
    BoardPackArchive archive,
    IBoardPackLibrary library,
    IOptions<HubOptions> hub,
    TimeProvider clock,
    ILogger<BoardPackUseCase> logger)
{
    public const string PdfName = "board-pack.pdf";
    public const string HtmlName = "board-pack.html";

    /// <summary>
    /// The monthly timer's entry point: on the first weekday (Monday to Friday) of the month, by the UK date on the
    /// hub's clock, produces and publishes the pack as of today; on any other day does nothing and returns null. The
    /// timer fires on each of the month's first seven weekdays, so a missed first weekday is not made up on another day.
    /// </summary>
    public async Task<BoardPackRun?> RunMonthlyAsync(CancellationToken cancellationToken)
    {
        var today = UkCalendar.Today(clock.GetUtcNow());
        if (!IsFirstWeekdayOfMonth(today))
        {
            LogNotToday(logger, today);
            return null;
        }

        return await PublishAsync(today, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True for the first Monday-to-Friday day of its month.</summary>
    public static bool IsFirstWeekdayOfMonth(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && Enumerable.Range(1, date.Day - 1).All(d => new DateOnly(date.Year, date.Month, d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The as-of date of a month's pack made on demand: today within the current month (the pack says what the tables
    /// hold now, and its dates agree with its sources line); for an earlier month its first weekday, the date the timer
    /// gave it; null for a month that has not begun.
    /// </summary>
    public DateOnly? AsOfForMonth(int year, int month)
    {
        var today = UkCalendar.Today(clock.GetUtcNow());
        var first = new DateOnly(year, month, 1);
        if (first > today)
        {
            return null;
        }

        if (year == today.Year && month == today.Month)
        {
            return today;
        }

        while (!IsFirstWeekdayOfMonth(first))
        {
            first = first.AddDays(1);
        }

        return first;
    }

    /// <summary>Builds, renders, keeps and publishes the pack as of <paramref name="asOf"/> (its month names the folder).</summary>
    public async Task<BoardPackRun> PublishAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var input = await GatherAsync(asOf, cancellationToken).ConfigureAwait(false);
        var model = BoardPackBuilder.Build(input);
        BoardPackFile[] files =
        [
            new(PdfName, "application/pdf", PdfPackRenderer.Render(model)),
            new(HtmlName, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(HtmlPackRenderer.Render(model))),
        ];
        var month = asOf.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var copies = await archive.SaveAsync(month, files, cancellationToken).ConfigureAwait(false);
        var published = await library.PublishAsync(month, files, copies, cancellationToken).ConfigureAwait(false);
        await archive.RecordLatestAsync(new LatestBoardPack(month, asOf, library.PublishesToSharePoint, published), cancellationToken).ConfigureAwait(false);
        LogPublished(logger, month, input.Metrics.Count, input.Benchmarks.Count, files[0].Content.Length, files[1].Content.Length, library.PublishesToSharePoint);
        return new BoardPackRun(month, asOf, library.PublishesToSharePoint, published, copies, files);
    }

    /// <summary>Every row the pack is built from, as the tables hold them now.</summary>
    public async Task<BoardPackInput> GatherAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var metricRecords = new List<MetricRecord>();
        foreach (var year in await metrics.YearsAsync(DropLocation.LaScope, cancellationToken).ConfigureAwait(false))
        {
            if (!AcademicYear.TryParse(year, out var academicYear))
            {
                continue;
            }

            var (rows, dataAsOf) = await metrics.ReadWithDataAsOfAsync(DropLocation.LaScope, year, cancellationToken).ConfigureAwait(false);
            metricRecords.AddRange(rows.Select(r => new MetricRecord(DropLocation.LaScope, academicYear, r.Period, r.Breakdown, r.Values, dataAsOf)));
        }

        var options = hub.Value;
        var termReturns = await returns.ForTermAsync(AcademicCalendar.AcademicYearOf(asOf), AcademicCalendar.TermOf(asOf), cancellationToken).ConfigureAwait(false);
        return new BoardPackInput(
            options.LocalAuthority,
            options.Region,
            asOf,
            metricRecords,
            await benchmarks.ReadEveryYearAsync(options.LocalAuthority, options.Region, cancellationToken).ConfigureAwait(false),
            await cohorts.ReadAllAsync(cancellationToken).ConfigureAwait(false),
            await plans.ReadAllPlansAsync(cancellationToken).ConfigureAwait(false),
            termReturns.RegisterYear is null ? null : termReturns,
            await register.ListAllAsync(cancellationToken).ConfigureAwait(false),
            // Every EarlyWarnings row as the last recompute left it; the builder counts the flagged ones and suppresses small numbers.
            EarlyWarnings: [.. (await earlyWarnings.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                .SelectMany(school => school.Value.Select(f => new EarlyWarningRecord(school.Key, f.Flagged, [.. f.Reasons.Select(r => r.ToString())])))]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Board pack not made: {Today:yyyy-MM-dd} is not the month's first weekday")]
    private static partial void LogNotToday(ILogger logger, DateOnly today);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Board pack {Month} published from {MetricRows} Metrics rows and {BenchmarkRows} Benchmarks rows: PDF {PdfBytes} bytes, HTML {HtmlBytes} bytes, to SharePoint {InSharePoint}")]
    private static partial void LogPublished(ILogger logger, string month, int metricRows, int benchmarkRows, int pdfBytes, int htmlBytes, bool inSharePoint);
}
