using System.Globalization;
using BackOnTrack.Functions.Invocations;
using BackOnTrack.Application.Prompts;

namespace BackOnTrack.Functions.Functions;

/// <summary>Timer (Mondays 06:30 UTC): prompt owners of due and overdue actions; post the board's weekly digest.</summary>
internal sealed class PromptOwners(PromptOwnersUseCase prompts) : IInvokedFunction
{
    public string Name => nameof(PromptOwners);

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        request.ReadTimer("timer");
        var result = await prompts.RunAsync(cancellationToken).ConfigureAwait(false);
        return InvocationResponse.WithLogs(
        [
            string.Create(CultureInfo.InvariantCulture,
                $"Week {result.Week} (as of {result.AsOf:yyyy-MM-dd}): {result.Prompts} prompts due, {result.Sent} sent, {result.Outboxed} outboxed, {result.AlreadySentThisWeek} already sent this week, {result.AppsInstalled} Teams app installs; digest {result.Digest}."),
            .. result.Unreached.Select(u => string.Create(CultureInfo.InvariantCulture,
                $"Could not reach the owner of {u.PlanId} action {u.ActionKey} ({string.Join(", ", u.Roles)}): Graph answered {u.Status} {u.ErrorCode}.")),
            .. result.Unprompted.Select(u => $"Nobody to prompt for {u.Action.PlanId} action {u.Action.ActionKey} owner '{u.Owner}': {u.Reason}"),
        ]);
    }
}
