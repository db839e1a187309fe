using BackOnTrack.M365.Graph;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace BackOnTrack.M365.Teams;

/// <summary>
/// Sends activity-feed notifications through Graph, app-only: makes sure the hub's Teams app is installed for the owner
/// (it must be, for the app to notify them), then posts the notification. 403/404 are per-recipient results; 401 throws
/// <see cref="M365CredentialsRefusedException"/>.
/// </summary>
public partial class GraphTeamsNotifier : ITeamsNotifier
{
    private readonly GraphServiceClient _graph;
    private readonly string _teamsAppId;
    private readonly string _graphBaseUrl;
    private readonly ILogger _logger;

    public GraphTeamsNotifier(GraphServiceClient graph, M365Options options, ILogger<GraphTeamsNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _graph = graph;
        _teamsAppId = string.IsNullOrWhiteSpace(options.TeamsAppId)
            ? throw new ArgumentException("M365:TeamsAppId is required to notify through Graph.", nameof(options))
            : options.TeamsAppId;
        _graphBaseUrl = options.GraphBaseUrl.TrimEnd('/');
        _logger = logger;
    }

    public virtual async Task<AppInstallResult> EnsureAppInstalledAsync(TeamsRecipient recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var apps = _graph.Users[recipient.GraphId].Teamwork.InstalledApps;
        try
        {
            var installed = await apps.GetAsync(
                request =>
                {
                    request.QueryParameters.Expand = ["teamsApp"];
                    request.QueryParameters.Filter = $"teamsApp/id eq '{_teamsAppId.Replace("'", "''", StringComparison.Ordinal)}'";
                },
                cancellationToken).ConfigureAwait(false);
            if (installed?.Value?.Any(i => string.Equals(i.TeamsApp?.Id, _teamsAppId, StringComparison.OrdinalIgnoreCase)) == true)
            {
                return AppInstallResult.AlreadyInstalled;
            }

            var installation = new UserScopeTeamsAppInstallation
            {
                AdditionalData = new Dictionary<string, object>
                {
                    ["teamsApp@odata.bind"] = $"{_graphBaseUrl}/appCatalogs/teamsApps/{_teamsAppId}",
                },
            };
            await apps.PostAsync(installation, cancellationToken: cancellationToken).ConfigureAwait(false);
            LogInstalled(_logger);
            return AppInstallResult.Installed;
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == 409)
        {
            // Installed meanwhile (another run, or the user): what was wanted.
            return AppInstallResult.AlreadyInstalled;
        }
        catch (ApiException ex) when (GraphFailures.IsAboutRecipient(ex.ResponseStatusCode))
        {
            var (status, code, message) = GraphFailures.Read(ex);
            LogNotReachable(_logger, "install the Teams app", status, code);
            return AppInstallResult.NotReachable(status, code, message);
        }
        catch (Exception ex) when (GraphFailures.IsHubFailure(ex))
        {
            throw GraphFailures.ToHubFailure(ex, "Installing the Teams app for a user");
        }
    }

    public virtual async Task<NotificationResult> NotifyAsync(OwnerNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var install = await EnsureAppInstalledAsync(notification.Recipient, cancellationToken).ConfigureAwait(false);
        if (install.Outcome == AppInstallOutcome.NotReachable)
        {
            return NotificationResult.NotReachable(install.Status!.Value, install.ErrorCode, install.Message);
        }

        var result = await SendAsync(notification, cancellationToken).ConfigureAwait(false);
        return result with { InstalledApp = install.Outcome == AppInstallOutcome.Installed };
    }

    public virtual async Task<NotificationResult> SendAsync(OwnerNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = ActivityNotificationRequest.Build(notification, _teamsAppId);
        try
        {
            await _graph.Users[notification.Recipient.GraphId].Teamwork.SendActivityNotification
                .PostAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return NotificationResult.Sent();
        }
        catch (ApiException ex) when (GraphFailures.IsAboutRecipient(ex.ResponseStatusCode))
        {
            var (status, code, message) = GraphFailures.Read(ex);
            LogNotReachable(_logger, "send an activity notification", status, code);
            return NotificationResult.NotReachable(status, code, message);
        }
        catch (Exception ex) when (GraphFailures.IsHubFailure(ex))
        {
            throw GraphFailures.ToHubFailure(ex, "Sending an activity notification");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed the hub's Teams app for an owner")]
    private static partial void LogInstalled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph would not {Operation} for one owner: {Status} {Code}")]
    private static partial void LogNotReachable(ILogger logger, string operation, int status, string? code);
}
