using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Prompts;
using BackOnTrack.M365;
using BackOnTrack.M365.Teams;

namespace BackOnTrack.Application.Prompts;

/// <summary>
/// The owners' half of the weekly prompt: one Teams activity notification per pending prompt, the Teams app installed
/// for a person before their first, a 403/404 for one person reported and the others still prompted.
/// </summary>
public sealed class OwnerPromptSender(IPromptLedger ledger, ITeamsNotifier notifier, TrackerLinks links, TimeProvider clock)
{
    /// <summary>
    /// Notifies each person of their pending prompts, making sure of the Teams app first, recording each notification in
    /// the week's ledger as it goes. What it did is added to <paramref name="run"/> as it happens, so a run that stops on a
    /// Graph failure still reports what went before.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<OwnerPrompt> pending, IsoWeek week, DateOnly asOf, PromptTally run, CancellationToken cancellationToken)
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

    private static UnreachedOwner Unreached(OwnerPrompt prompt, int status, string? errorCode) =>
        new(prompt.Action.PlanId, prompt.Action.ActionKey, prompt.Person.Upn, prompt.Roles, status, errorCode);

    private static string KindName(PromptKind kind) => kind == PromptKind.Overdue ? NotificationKinds.Overdue : NotificationKinds.Due;
}
