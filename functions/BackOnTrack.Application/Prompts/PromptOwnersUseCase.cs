using System.Globalization;
using System.Text.Json;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Prompts;
using BackOnTrack.M365;
using BackOnTrack.Storage;

namespace BackOnTrack.Application.Prompts;

/// <summary>The run stopped part way; what it did is in <see cref="Result"/> and in its report.</summary>
public sealed class PromptRunStoppedException(string message, PromptRunResult result, Exception innerException)
    : Exception(message, innerException)
{
    public PromptRunResult Result { get; } = result;
}

/// <summary>
/// The weekly prompt (docs/architecture.md §Microsoft 365): every person holding a role of an open action that is due within 14 days or overdue
/// gets one Teams activity notification per action per ISO week (Europe/London) (<see cref="OwnerPromptSender"/>), and
/// the board gets one digest card per week (<see cref="BoardDigestPublisher"/>). The week's ledger (<see cref="IPromptLedger"/>) records each notification and the digest once sent, so a
/// rerun, a retried invocation or a run after a failure sends only what has not gone yet. The Teams app is made sure of
/// once per person per run, before their first notification. A refusal of the hub's own credentials (401) stops the
/// run; a 403/404 for one person is reported and the others are still prompted; Graph failing after its retries stops
/// the prompts (the digest is still tried, since the webhook is another service) and fails the run, so the next run
/// catches up.
/// </summary>
public sealed partial class PromptOwnersUseCase(
    IActionPlans plans,
    IPromptLedger ledger,
    OwnerPromptSender prompts,
    BoardDigestPublisher digests,
    IReportFiles reports,
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
        var run = new PromptTally();
        var pending = schedule.Prompts.Where(p => !recorded.Contains(p.LedgerKey)).ToList();
        run.AlreadySent = schedule.Prompts.Count - pending.Count;

        Exception? stoppedBy = null;
        try
        {
            await prompts.SendAsync(pending, week, asOf, run, cancellationToken).ConfigureAwait(false);
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
        if (!recorded.Contains(IPromptLedger.DigestKey))
        {
            try
            {
                digest = await digests.PostAsync(actions, week, asOf, cancellationToken).ConfigureAwait(false);
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

    private async Task SaveReportAsync(PromptRunResult result, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"prompts/{result.Week}/{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}.json");
        await reports.WriteAsync(name, JsonSerializer.SerializeToUtf8Bytes(new
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
        }, ReportJson), "application/json", cancellationToken).ConfigureAwait(false);
    }

    private static PromptRunResult Result(DateOnly asOf, IsoWeek week, PromptSchedule schedule, PromptTally run, DigestRunOutcome digest, string? stoppedBecause) =>
        new(asOf, week, schedule.Prompts.Count, run.Sent, run.Outboxed, run.AlreadySent, run.AppsInstalled, run.Unreached, schedule.Unprompted, digest, stoppedBecause);

    [LoggerMessage(Level = LogLevel.Information, Message = "PromptOwners: no action plan has been imported; nothing to prompt")]
    private static partial void LogNoPlan(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "PromptOwners stopped: the hub's Microsoft 365 credentials were refused ({Status} {Code})")]
    private static partial void LogStopped(ILogger logger, int status, string? code);

    [LoggerMessage(Level = LogLevel.Information, Message = "PromptOwners {Week}: {Prompts} prompts due, {Sent} sent, {Outboxed} outboxed, {AlreadySent} already sent this week, {Unreached} unreachable, {Unprompted} owners without a person; digest {Digest}")]
    private static partial void LogRun(ILogger logger, IsoWeek week, int prompts, int sent, int outboxed, int alreadySent, int unreached, int unprompted, DigestRunOutcome digest);

}
