namespace BackOnTrack.M365.Teams;

/// <summary>What became of one notification.</summary>
public enum DeliveryOutcome
{
    /// <summary>Graph accepted it (204).</summary>
    Sent,

    /// <summary>Written to the outbox; nothing was delivered.</summary>
    Outboxed,

    /// <summary>Graph refused this recipient (403, 404): report it and go on with the others.</summary>
    NotReachable,
}

/// <summary>The result for one recipient. A refusal of the hub's own credentials is not a result: it throws.</summary>
public sealed record NotificationResult(DeliveryOutcome Outcome, int? Status = null, string? ErrorCode = null, string? Message = null)
{
    /// <summary>True when the hub installed the Teams app for the recipient on the way.</summary>
    public bool InstalledApp { get; init; }

    /// <summary>True only when Graph accepted the notification (never for the outbox).</summary>
    public bool Delivered => Outcome == DeliveryOutcome.Sent;

    public static NotificationResult Sent(bool installedApp = false) => new(DeliveryOutcome.Sent) { InstalledApp = installedApp };

    public static NotificationResult Outboxed { get; } = new(DeliveryOutcome.Outboxed);

    public static NotificationResult NotReachable(int status, string? errorCode, string? message) =>
        new(DeliveryOutcome.NotReachable, status, errorCode, message);
}

/// <summary>What became of making sure the Teams app is installed for one user.</summary>
public enum AppInstallOutcome
{
    AlreadyInstalled,
    Installed,

    /// <summary>Outbox mode: nothing was checked or installed.</summary>
    Outboxed,

    /// <summary>Graph refused this user (403, 404).</summary>
    NotReachable,
}

public sealed record AppInstallResult(AppInstallOutcome Outcome, int? Status = null, string? ErrorCode = null, string? Message = null)
{
    public static AppInstallResult AlreadyInstalled { get; } = new(AppInstallOutcome.AlreadyInstalled);
    public static AppInstallResult Installed { get; } = new(AppInstallOutcome.Installed);
    public static AppInstallResult Outboxed { get; } = new(AppInstallOutcome.Outboxed);

    public static AppInstallResult NotReachable(int status, string? errorCode, string? message) =>
        new(AppInstallOutcome.NotReachable, status, errorCode, message);
}

/// <summary>
/// Teams activity-feed notifications to action owners (DESIGN §5). Implementations: Graph (delivers) and the outbox
/// (records the would-be request, never claims delivery).
/// </summary>
public interface ITeamsNotifier
{
    /// <summary>Makes sure the hub's Teams app is installed for the user (a notification needs it).</summary>
    /// <exception cref="M365CredentialsRefusedException">The hub's own credentials were refused: stop the run.</exception>
    /// <exception cref="M365ServiceException">Graph failed for another reason (after retries).</exception>
    Task<AppInstallResult> EnsureAppInstalledAsync(TeamsRecipient recipient, CancellationToken cancellationToken);

    /// <summary>Installs the Teams app for the recipient if missing, then sends the notification.</summary>
    /// <returns>Sent, Outboxed, or NotReachable (403/404 for this recipient; go on with the others).</returns>
    /// <exception cref="M365CredentialsRefusedException">The hub's own credentials were refused: stop the run.</exception>
    /// <exception cref="M365ServiceException">Graph failed for another reason (after retries).</exception>
    Task<NotificationResult> NotifyAsync(OwnerNotification notification, CancellationToken cancellationToken);

    /// <summary>
    /// Sends the notification without checking the installation first: for a caller that has just made sure of it
    /// with <see cref="EnsureAppInstalledAsync"/> and has several notifications for the same person.
    /// </summary>
    /// <returns>Sent, Outboxed, or NotReachable (403/404 for this recipient; go on with the others).</returns>
    /// <exception cref="M365CredentialsRefusedException">The hub's own credentials were refused: stop the run.</exception>
    /// <exception cref="M365ServiceException">Graph failed for another reason (after retries).</exception>
    Task<NotificationResult> SendAsync(OwnerNotification notification, CancellationToken cancellationToken);
}
