using BackOnTrack.Application.Prompts;
using BackOnTrack.Core.Calendar;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>Timer (Mondays 06:30 UTC): prompt owners of due and overdue actions; post the board's weekly digest.</summary>
internal sealed partial class PromptOwners(PromptOwnersUseCase prompts, ILogger<PromptOwners> logger)
{
    [Function(nameof(PromptOwners))]
    public async Task RunAsync([TimerTrigger("0 30 6 * * 1")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await prompts.RunAsync(cancellationToken).ConfigureAwait(false);
        LogPrompted(logger, result.Week, result.Prompts, result.Sent, result.Outboxed, result.AlreadySentThisWeek, result.AppsInstalled, result.Digest);
        foreach (var unreached in result.Unreached)
        {
            LogUnreached(logger, unreached.PlanId, unreached.ActionKey, string.Join(", ", unreached.Roles), unreached.Status, unreached.ErrorCode);
        }

        foreach (var unprompted in result.Unprompted)
        {
            LogUnprompted(logger, unprompted.Action.PlanId, unprompted.Action.ActionKey, unprompted.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Week {Week}: {Prompts} prompts due, {Sent} sent, {Outboxed} outboxed, {AlreadySent} already sent this week, {AppsInstalled} Teams app installs; digest {Digest}")]
    private static partial void LogPrompted(ILogger logger, IsoWeek week, int prompts, int sent, int outboxed, int alreadySent, int appsInstalled, DigestRunOutcome digest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the owner of {PlanId} action {ActionKey} ({Roles}): Graph answered {Status} {ErrorCode}")]
    private static partial void LogUnreached(ILogger logger, string planId, string actionKey, string roles, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nobody to prompt for {PlanId} action {ActionKey}: {Reason}")]
    private static partial void LogUnprompted(ILogger logger, string planId, string actionKey, string reason);
}
