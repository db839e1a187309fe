using System.Globalization;
using System.Text.Json;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Plans;
using BackOnTrack.Core.Prompts;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Application.Operations;
using BackOnTrack.M365;
using BackOnTrack.M365.Digest;
using BackOnTrack.M365.Teams;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Prompts;

/// <summary>The run stopped part way; what it did is in <see cref="Result"/> and in its report.</summary>
public sealed class PromptRunStoppedException(string message, PromptRunResult result, Exception innerException)
    : Exception(message, innerException)
{
    public PromptRunResult Result { get; } = result;
}

/// <summary>
/// The weekly prompt (docs/architecture.md §Microsoft 365): every person holding a role of an open action that is due within 14 days or overdue
/// gets one Teams activity notification per action per ISO week (Europe/London), and the board gets one digest card per
/// week. The week's ledger (<see cref="PromptLedgerStore"/>) records each notification and the digest once sent, so a
/// rerun, a retried invocation or a run after a failure sends only what has not gone yet. The Teams app is made sure of
/// once per person per run, before their first notification. A refusal of the hub's own credentials (401) stops the
/// run; a 403/404 for one person is reported and the others are still prompted; Graph failing after its retries stops
/// the prompts (the digest is still tried, since the webhook is another service) and fails the run, so the next run
/// catches up.
/// </summary>
public sealed partial class PromptOwnersUseCase(
    ActionPlanStore plans,
    PromptLedgerStore ledger,
    MetricsStore metrics,
    BenchmarkStore benchmarks,
    ITeamsNotifier notifier,
    IBoardDigestPoster digestPoster,
    TrackerLinks links,
    ReturnsTrackerUseCase returns,
    RejectedTrackerEditStore rejectedEdits,
    StorageAccount account,
    IOptions<HubOptions> hub,
    TimeProvider clock,
    ILogger<PromptOwnersUseCase> logger)
{
    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public async Task<PromptRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var asOf = UkTime.DateOf(clock.GetUtcNow());
        var week = IsoWeek.Of(asOf);
        var actions = await plans.ReadAllPlansAsync(cancellationToken).ConfigureAwait(false);
        if (actions.Count == 0)
        {
            LogNoPlan(logger);
            return new PromptRunResult(asOf, week, 0, 0, 0, 0, 0, [], [], DigestRunOutcome.NoPlan, null);
        }

        var schedule = PromptPlanner.Plan(actions, await plans.ReadOwnersAsync(cancellationToken).ConfigureAwait(false), asOf);
        var recorded = await ledger.RecordedAsync(week, cancellationToken).ConfigureAwait(false);
        var run = new Tally();
        var pending = schedule.Prompts.Where(p => !recorded.Contains(p.LedgerKey)).ToList();
        run.AlreadySent = schedule.Prompts.Count - pending.Count;

        Exception? stoppedBy = null;
        try
        {
            await PromptAsync(pending, week, asOf, run, cancellationToken).ConfigureAwait(false);
        }
        catch (M365ServiceException ex) when (ex is not M365CredentialsRefusedException)
        {
            // Graph is failing for everyone (after the retry layer gave up): stop hammering it; the ledger lets the next run catch up.
            stoppedBy = ex;
        }
        catch (M365CredentialsRefusedException ex)
        {
            var stopped = Result(asOf, week, schedule, run, DigestRunOutcome.NotAttempted, ex.Message);
            await SaveReportAsync(stopped, cancellationToken).ConfigureAwait(false);
            LogStopped(logger, ex.Status, ex.ErrorCode);
            throw new PromptRunStoppedException($"PromptOwners stopped: {ex.Message}", stopped, ex);
        }

        var digest = DigestRunOutcome.AlreadyPosted;
        if (!recorded.Contains(PromptLedgerStore.DigestKey))
        {
            try
            {
                digest = await PostDigestAsync(actions, week, asOf, cancellationToken).ConfigureAwait(false);
            }
            catch (M365ServiceException ex)
            {
                digest = DigestRunOutcome.Failed;
                stoppedBy ??= ex;
            }
        }

        var result = Result(asOf, week, schedule, run, digest, stoppedBy?.Message);
        await SaveReportAsync(result, cancellationToken).ConfigureAwait(false);
        LogRun(logger, week, result.Prompts, result.Sent, result.Outboxed, result.AlreadySentThisWeek, result.Unreached.Count, result.Unprompted.Count, digest);
        if (stoppedBy is not null)
        {
            throw new PromptRunStoppedException($"PromptOwners did not finish: {stoppedBy.Message} The next run sends what is left.", result, stoppedBy);
        }

        return result;
    }

    private async Task PromptAsync(IReadOnlyList<OwnerPrompt> pending, IsoWeek week, DateOnly asOf, Tally run, CancellationToken cancellationToken)
    {
        foreach (var person in pending.GroupBy(p => p.Person.Upn.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            var first = person.First().Person;
            var recipient = new TeamsRecipient(first.Upn.Trim(), first.ObjectId?.ToString());
            var install = await notifier.EnsureAppInstalledAsync(recipient, cancellationToken).ConfigureAwait(false);
            if (install.Outcome == AppInstallOutcome.NotReachable)
            {
                run.Unreached.AddRange(person.Select(p => Unreached(p, install.Status!.Value, install.ErrorCode)));
                continue;
            }

            if (install.Outcome == AppInstallOutcome.Installed)
            {
                run.AppsInstalled++;
            }

            foreach (var prompt in person)
            {
                var result = await notifier.SendAsync(Notification(prompt, recipient, asOf), cancellationToken).ConfigureAwait(false);
                if (result.Outcome == DeliveryOutcome.NotReachable)
                {
                    run.Unreached.Add(Unreached(prompt, result.Status!.Value, result.ErrorCode));
                    continue;
                }

                await ledger.RecordAsync(week, prompt.LedgerKey, KindName(prompt.Kind), result.Outcome.ToString(), clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                if (result.Outcome == DeliveryOutcome.Sent)
                {
                    run.Sent++;
                }
                else
                {
                    run.Outboxed++;
                }
            }
        }
    }

    private OwnerNotification Notification(OwnerPrompt prompt, TeamsRecipient recipient, DateOnly asOf)
    {
        var action = prompt.Action.Action.Imported;
        return OwnerNotification.ForAction(
            recipient,
            prompt.Kind == PromptKind.Overdue ? NotificationKind.Overdue : NotificationKind.Due,
            prompt.Action.PlanId,
            action.ActionKey,
            action.ActionRef,
            action.Title,
            prompt.DueDate,
            asOf,
            links.ForAction(action.ActionKey));
    }

    private async Task<DigestRunOutcome> PostDigestAsync(IReadOnlyList<PlannedAction> actions, IsoWeek week, DateOnly asOf, CancellationToken cancellationToken)
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
            await HeadlinesAsync(cancellationToken).ConfigureAwait(false),
            [new DigestLink("Open the action tracker", links.Tracker)])
        {
            MissingReturns = await MissingReturnsAsync(cancellationToken).ConfigureAwait(false),
        };
        var card = DigestCardBuilder.Build(digest);
        var posted = await digestPoster.PostAsync(card.Card, cancellationToken).ConfigureAwait(false);
        await ledger.RecordAsync(week, PromptLedgerStore.DigestKey, "digest", posted.Outcome.ToString(), clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogDigest(logger, posted.Outcome, posted.BodyBytes, card.ItemsOmitted);
        return posted.Outcome == DigestOutcome.Posted ? DigestRunOutcome.Posted : DigestRunOutcome.Outboxed;
    }

    private DigestAction DigestAction(PlannedAction planned)
    {
        var action = planned.Action.Imported;
        // The key, not the printed id: a plan that prints an id twice (3.3, 3.3) lists 3.3 and 3.3-2.
        return new DigestAction(action.ActionKey, action.Title, action.Owners, action.DueDate!.Value, links.ForAction(action.ActionKey));
    }

    private async Task<IReadOnlyList<DigestFigure>> HeadlinesAsync(CancellationToken cancellationToken)
    {
        var years = await metrics.YearsAsync(DropLocation.LaScope, cancellationToken).ConfigureAwait(false);
        if (years.Count == 0)
        {
            return [];
        }

        var latest = years.Max(StringComparer.Ordinal)!;
        var rows = await metrics.ReadAsync(DropLocation.LaScope, latest, cancellationToken).ConfigureAwait(false);
        var figures = await benchmarks.ComparisonsAsync(latest, hub.Value.LocalAuthority, hub.Value.Region, cancellationToken).ConfigureAwait(false);
        return DigestHeadlines.From(latest, rows, figures);
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

    private async Task SaveReportAsync(PromptRunResult result, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"prompts/{result.Week}/{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}.json");
        await account.Blobs.UploadAsync(HubStorageNames.Containers.Reports, name, JsonSerializer.SerializeToUtf8Bytes(new
        {
            asOf = result.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            week = result.Week.ToString(),
            result.Prompts,
            result.Sent,
            result.Outboxed,
            result.AlreadySentThisWeek,
            result.Outstanding,
            result.AppsInstalled,
            digest = result.Digest.ToString(),
            result.StoppedBecause,
            unreached = result.Unreached,
            unprompted = result.Unprompted.Select(u => new { u.Action.PlanId, u.Action.ActionKey, u.Owner, u.Reason }),
        }, ReportJson), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static PromptRunResult Result(DateOnly asOf, IsoWeek week, PromptSchedule schedule, Tally run, DigestRunOutcome digest, string? stoppedBecause) =>
        new(asOf, week, schedule.Prompts.Count, run.Sent, run.Outboxed, run.AlreadySent, run.AppsInstalled, run.Unreached, schedule.Unprompted, digest, stoppedBecause);

    private static UnreachedOwner Unreached(OwnerPrompt prompt, int status, string? errorCode) =>
        new(prompt.Action.PlanId, prompt.Action.ActionKey, prompt.Person.Upn, prompt.Roles, status, errorCode);

    private static string KindName(PromptKind kind) => kind == PromptKind.Overdue ? NotificationKinds.Overdue : NotificationKinds.Due;

    private sealed class Tally
    {
        public int Sent { get; set; }
        public int Outboxed { get; set; }
        public int AlreadySent { get; set; }
        public int AppsInstalled { get; set; }
        public List<UnreachedOwner> Unreached { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PromptOwners: no action plan has been imported; nothing to prompt")]
    private static partial void LogNoPlan(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "PromptOwners stopped: the hub's Microsoft 365 credentials were refused ({Status} {Code})")]
    private static partial void LogStopped(ILogger logger, int status, string? code);

    [LoggerMessage(Level = LogLevel.Information, Message = "PromptOwners {Week}: {Prompts} prompts due, {Sent} sent, {Outboxed} outboxed, {AlreadySent} already sent this week, {Unreached} unreachable, {Unprompted} owners without a person; digest {Digest}")]
    private static partial void LogRun(ILogger logger, IsoWeek week, int prompts, int sent, int outboxed, int alreadySent, int unreached, int unprompted, DigestRunOutcome digest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Board digest {Outcome}: {Bytes} bytes, {Omitted} listed items left to the tracker")]
    private static partial void LogDigest(ILogger logger, DigestOutcome outcome, int bytes, int omitted);
}
