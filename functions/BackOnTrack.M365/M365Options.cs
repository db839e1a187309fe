namespace BackOnTrack.M365;

/// <summary>Where the hub's Microsoft 365 outputs go.</summary>
public enum M365Mode
{
    /// <summary>Nothing leaves the hub: every would-be request is written to table <c>Outbox</c> (local runs, tests).</summary>
    Outbox,

    /// <summary>Teams notifications through Microsoft Graph, the digest to the Workflows webhook.</summary>
    Graph,
}

/// <summary>Settings for Microsoft 365 outputs (configuration section <c>M365</c>, DESIGN §5–6).</summary>
public sealed class M365Options
{
    public const string SectionName = "M365";

    /// <summary>The default Graph endpoint (global cloud, v1.0).</summary>
    public const string DefaultGraphBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary>
    /// <c>Outbox</c> or <c>Graph</c>. Unset: <c>Graph</c> when a tenant is configured, otherwise <c>Outbox</c>
    /// (<see cref="EffectiveMode"/>).
    /// </summary>
    public M365Mode? Mode { get; set; }

    /// <summary>Graph's root, without a trailing slash. A 127.0.0.1 address (http allowed) in tests.</summary>
    public string GraphBaseUrl { get; set; } = DefaultGraphBaseUrl;

    /// <summary>The Entra tenant (directory) id the hub's app registration lives in.</summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// The hub's app registration (client) id; the Teams app's manifest names it in <c>webApplicationInfo.id</c>. Empty:
    /// no app registration, the Function app's managed identity holds the Graph application permissions itself.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// Secret of the app registration, when it authenticates with one. Empty: the Function app's managed identity signs
    /// in for the app registration through a federated credential (no secret anywhere).
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Client id of the user-assigned managed identity the hub signs in with (as itself without <see cref="ClientId"/>,
    /// or federated with the app registration); empty: the system-assigned identity.
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The Teams app's id in the organisation's app catalog (not the manifest id).</summary>
    public string? TeamsAppId { get; set; }

    /// <summary>The Teams Workflows webhook ("When a Teams webhook request is received") the board digest is posted to. A secret.</summary>
    public string? BoardWebhookUrl { get; set; }

    /// <summary>
    /// The SharePoint action tracker as people open it (the list's address in the browser). Owners' prompts and the
    /// digest link to it, each action to the list filtered on its ActionId. Required in Graph mode; in Outbox mode an
    /// unset tracker is written as <see cref="PlaceholderTrackerUrl"/> in what would have been sent.
    /// </summary>
    public string? TrackerUrl { get; set; }

    /// <summary>Outbox mode's stand-in for an unset <see cref="TrackerUrl"/> (<c>.invalid</c> is reserved and never resolves).</summary>
    public const string PlaceholderTrackerUrl = "https://tracker.invalid/Lists/ActionTracker/AllItems.aspx";

    /// <summary>The SharePoint site holding the tracker lists: Graph's composite id <c>host,siteGuid,webGuid</c>.</summary>
    public string? SiteId { get; set; }

    /// <summary>The action tracker list's id on <see cref="SiteId"/> (printed by <c>provision-lists</c>).</summary>
    public string? TrackerListId { get; set; }

    /// <summary>The figures list's id on <see cref="SiteId"/> (printed by <c>provision-lists</c>).</summary>
    public string? FiguresListId { get; set; }

    /// <summary>The returns list's id on <see cref="SiteId"/> (printed by <c>provision-lists</c>).</summary>
    public string? ReturnsListId { get; set; }

    /// <summary>Retries after the first attempt for 429, 503, 504 (Graph; the webhook also 408, 500, 502) and network errors.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay when the service names no Retry-After; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest wait the hub accepts. A Retry-After longer than this is not waited out: the call fails with the 429/503,
    /// rather than retrying sooner than the service asked.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time allowed for one attempt before it counts as a network failure (and is retried).</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The mode in force: <see cref="Mode"/> when set; otherwise Graph with a tenant, Outbox without.</summary>
    public M365Mode EffectiveMode => Mode ?? (string.IsNullOrWhiteSpace(TenantId) ? M365Mode.Outbox : M365Mode.Graph);

    /// <summary>Every problem with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxRetries is < 0 or > 10)
        {
            problems.Add("M365:MaxRetries must be between 0 and 10.");
        }

        if (RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            problems.Add("M365:RetryDelay must be positive and at most M365:MaxRetryDelay.");
        }

        if (NetworkTimeout <= TimeSpan.Zero)
        {
            problems.Add("M365:NetworkTimeout must be positive.");
        }

        if (!Uri.TryCreate(GraphBaseUrl, UriKind.Absolute, out var graph) || !IsHttpsOrLoopback(graph))
        {
            problems.Add("M365:GraphBaseUrl must be an absolute https URL (http only on 127.0.0.1, for tests).");
        }

        if (!string.IsNullOrWhiteSpace(TrackerUrl) && (!Uri.TryCreate(TrackerUrl, UriKind.Absolute, out var tracker) || !IsHttpsOrLoopback(tracker)))
        {
            problems.Add("M365:TrackerUrl must be an absolute https URL (the tracker list as people open it).");
        }

        if (EffectiveMode == M365Mode.Graph)
        {
            foreach (var (name, value) in new[] { ("TenantId", TenantId), ("TeamsAppId", TeamsAppId), ("TrackerUrl", TrackerUrl) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    problems.Add($"M365:{name} is required when M365:Mode is Graph.");
                }
            }

            if (string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret))
            {
                // A secret belongs to an app registration; without one the managed identity signs in and the secret would be ignored.
                problems.Add("M365:ClientSecret is set without M365:ClientId: set the app registration's id, or remove the secret to sign in as the managed identity.");
            }

            if (string.IsNullOrWhiteSpace(BoardWebhookUrl))
            {
                problems.Add("M365:BoardWebhookUrl is required when M365:Mode is Graph.");
            }
            else if (!Uri.TryCreate(BoardWebhookUrl, UriKind.Absolute, out var webhook) || !IsHttpsOrLoopback(webhook))
            {
                // The URL is not echoed: its sig= parameter is the secret that lets anyone post.
                problems.Add("M365:BoardWebhookUrl must be an absolute https URL (http only on 127.0.0.1, for tests).");
            }
        }

        return problems;
    }

    internal static bool IsHttpsOrLoopback(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.Host == "127.0.0.1");
}
