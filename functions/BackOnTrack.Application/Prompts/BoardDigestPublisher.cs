using System.Globalization;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Prompts;
using BackOnTrack.Application.BoardPack;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Operations;
using BackOnTrack.M365;
using BackOnTrack.M365.Digest;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Prompts;

/// <summary>
/// The board's half of the weekly prompt: one digest card a week at the Workflows webhook — the plan's standing by status
/// and priority, due, overdue and escalated actions, tracker edits not applied, schools with no accepted drop this term,
/// the LA's headline figures beside England, and a link to the latest board pack in SharePoint.
/// </summary>
public sealed partial class BoardDigestPublisher(
    IPromptLedger ledger,
    IMetricRows metrics,
    IBenchmarks benchmarks,
    IBoardDigestPoster poster,
    TrackerLinks links,
    ReturnsTrackerUseCase returns,
    IRejectedTrackerEdits rejectedEdits,
    BoardPackArchive boardPacks,
    IEarlyWarnings earlyWarnings,
    IOptions<HubOptions> hub,
    TimeProvider clock,
    ILogger<BoardDigestPublisher> logger)
{
    /// <summary>Builds the week's digest card from the plan and the hub's figures, posts it and records it in the week's ledger.</summary>
    public async Task<DigestRunOutcome> PostAsync(IReadOnlyList<PlannedAction> actions, IsoWeek week, DateOnly asOf, CancellationToken cancellationToken)
    {
        var standing = PlanStanding.Of(actions, asOf);
        var digest = new BoardDigest(
            PlanTitle(actions),
            asOf,
            [
                new DigestCount("Not started", standing.ByStatus[ActionStatus.NotStarted]),
                new DigestCount("In progress", standing.ByStatus[ActionStatus.InProgress]),
                new DigestCount("Complete", standing.ByStatus[ActionStatus.Complete]),
                .. standing.WithoutStatus > 0 ? [new DigestCount("No status given", standing.WithoutStatus)] : Array.Empty<DigestCount>(),
            ],
            [.. standing.ByPriority.Select(p => new DigestCount(string.Create(CultureInfo.InvariantCulture, $"{p.Priority} · {p.Title} ({p.Complete} complete)"), p.Actions))],
            [.. standing.Due.Select(DigestAction)],
            [.. standing.Overdue.Select(DigestAction)],
            await InvalidEditsAsync(week, cancellationToken).ConfigureAwait(false),
            await HeadlinesAsync(asOf, cancellationToken).ConfigureAwait(false),
            [new DigestLink("Open the action tracker", links.Tracker), .. await BoardPackLinkAsync(cancellationToken).ConfigureAwait(false)])
        {
            MissingReturns = await MissingReturnsAsync(cancellationToken).ConfigureAwait(false),
        };
        var card = DigestCardBuilder.Build(digest);
        var posted = await poster.PostAsync(card.Card, cancellationToken).ConfigureAwait(false);
        await ledger.RecordAsync(week, IPromptLedger.DigestKey, "digest", posted.Outcome.ToString(), clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogDigest(logger, posted.Outcome, posted.BodyBytes, card.ItemsOmitted);
        return posted.Outcome == DigestOutcome.Posted ? DigestRunOutcome.Posted : DigestRunOutcome.Outboxed;
    }

    private DigestAction DigestAction(PlannedAction planned)
    {
        var action = planned.Action.Imported;
        // The key, not the printed id: a plan that prints an id twice (3.3, 3.3) lists 3.3 and 3.3-2.
        return new DigestAction(action.ActionKey, action.Title, action.Owners, action.DueDate!.Value, links.ForAction(action.ActionKey));
    }

    private async Task<IReadOnlyList<DigestFigure>> HeadlinesAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var earlyWarning = DigestEarlyWarnings.From(await earlyWarnings.ReadAllAsync(cancellationToken).ConfigureAwait(false), asOf);
        var years = await metrics.YearsAsync(DropLocation.LaScope, cancellationToken).ConfigureAwait(false);
        if (years.Count == 0)
        {
            return earlyWarning is null ? [] : [earlyWarning];
        }

        var latest = years.Max(StringComparer.Ordinal)!;
        var rows = await metrics.ReadAsync(DropLocation.LaScope, latest, cancellationToken).ConfigureAwait(false);
        var figures = await benchmarks.ComparisonsAsync(latest, hub.Value.LocalAuthority, hub.Value.Region, cancellationToken).ConfigureAwait(false);
        return [.. DigestHeadlines.From(latest, rows, figures), .. earlyWarning is null ? [] : new[] { earlyWarning }];
    }

    /// <summary>
    /// The latest board pack, when it is in the board's SharePoint library. A pack kept only in the outbox has no address
    /// the board could open, so the digest names none.
    /// </summary>
    private async Task<IReadOnlyList<DigestLink>> BoardPackLinkAsync(CancellationToken cancellationToken)
    {
        if (await boardPacks.ReadLatestAsync(cancellationToken).ConfigureAwait(false) is not { InSharePoint: true } latest
            || !Uri.TryCreate(latest.PrimaryUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            return [];
        }

        var month = DateOnly.ParseExact(latest.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return [new DigestLink($"Open the board pack ({month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)})", url)];
    }

    /// <summary>
    /// Tracker edits not applied since the week before this one began (the last digest's week), so each appears in the
    /// digest that follows it.
    /// </summary>
    private async Task<IReadOnlyList<DigestInvalidEdit>> InvalidEditsAsync(IsoWeek week, CancellationToken cancellationToken)
    {
        var since = new DateTimeOffset(week.Monday.AddDays(-7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var edits = await rejectedEdits.ListSinceAsync(since, cancellationToken).ConfigureAwait(false);
        return [.. edits.OrderBy(e => e.EditedAt).Select(e => new DigestInvalidEdit(e.ActionKey, e.Field, e.Value, e.Reason, e.EditedBy, links.ForAction(e.ActionKey)))];
    }

    /// <summary>The schools the board should chase: no accepted drop this term (null before any register is loaded).</summary>
    private async Task<DigestMissingReturns?> MissingReturnsAsync(CancellationToken cancellationToken)
    {
        var (year, term) = returns.CurrentTerm();
        var termReturns = await returns.ForTermAsync(year, term, cancellationToken).ConfigureAwait(false);
        if (termReturns.RegisterYear is null)
        {
            return null;
        }

        var name = term switch { Period.Autumn => "autumn term", Period.Spring => "spring term", Period.Summer => "summer term", _ => "term" };
        return new DigestMissingReturns(
            $"{name} {year}",
            [.. termReturns.Missing.Where(s => s.InRegister).Select(s => new DigestSchool(s.Laestab, s.Name!))]);
    }

    /// <summary>The plan's id as a title ("semh-action-plan" → "semh action plan"); several plans are named together.</summary>
    private static string PlanTitle(IReadOnlyList<PlannedAction> actions)
    {
        var ids = actions.Select(a => a.PlanId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return string.Join(" · ", ids.Select(id => id.Replace('-', ' ').Replace('_', ' ')));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Board digest {Outcome}: {Bytes} bytes, {Omitted} listed items left to the tracker")]
    private static partial void LogDigest(ILogger logger, DigestOutcome outcome, int bytes, int omitted);
}
