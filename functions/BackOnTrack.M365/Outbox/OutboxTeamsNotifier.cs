using BackOnTrack.M365.Teams;

namespace BackOnTrack.M365.Outbox;

/// <summary>
/// Outbox mode's notifier: records the exact <c>sendActivityNotification</c> body Graph would have been sent (channel
/// TeamsActivity, Recipient the UPN, Kind due/overdue) and says Outboxed, never Sent.
/// </summary>
public class OutboxTeamsNotifier(OutboxStore outbox, M365Options options) : ITeamsNotifier
{
    private readonly string? _teamsAppId = options?.TeamsAppId;

    /// <summary>Nothing to check without a tenant: the installation is part of what would have happened.</summary>
    public virtual Task<AppInstallResult> EnsureAppInstalledAsync(TeamsRecipient recipient, CancellationToken cancellationToken) =>
        Task.FromResult(AppInstallResult.Outboxed);

    public virtual Task<NotificationResult> NotifyAsync(OwnerNotification notification, CancellationToken cancellationToken) =>
        SendAsync(notification, cancellationToken);

    public virtual async Task<NotificationResult> SendAsync(OwnerNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = ActivityNotificationRequest.Build(notification, _teamsAppId);
        await outbox.AppendAsync(
            OutboxChannels.TeamsActivity,
            notification.Kind.WireName(),
            ActivityNotificationRequest.ToJson(body),
            notification.Recipient.Upn,
            notification.ActionKey,
            cancellationToken).ConfigureAwait(false);
        return NotificationResult.Outboxed;
    }
}
