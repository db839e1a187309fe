namespace BackOnTrack.Application.Configuration;

/// <summary>Where a setting's value comes from.</summary>
public enum SettingScope
{
    /// <summary>Set locally (local.settings.json or the environment) and in Azure (app settings from infra/).</summary>
    Everywhere,

    /// <summary>Only local runs read it.</summary>
    LocalOnly,

    /// <summary>Only the deployed app reads it.</summary>
    AzureOnly,

    /// <summary>The Functions host sets it for the handler; nobody configures it.</summary>
    SetByHost,
}

/// <summary>One setting the code reads, as named in app settings (sections joined with <c>__</c>).</summary>
public sealed record SettingDefinition(string Name, string? Default, SettingScope Scope, string Meaning);

/// <summary>
/// Every setting the hub reads, listed once. local.settings.sample.json, the README's settings table and infra/ are
/// checked against this list by tests, so a new setting cannot be forgotten in one of them.
/// </summary>
public static class HubSettings
{
    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new("AzureWebJobsStorage", "UseDevelopmentStorage=true", SettingScope.LocalOnly,
            "Storage connection string. `UseDevelopmentStorage=true` means Azurite on 127.0.0.1:10000–10002."),
        new("AzureWebJobsStorage__accountName", null, SettingScope.AzureOnly,
            "Storage account name for identity-based access (no keys); used when AzureWebJobsStorage is empty."),
        new("AzureWebJobsStorage__credential", "managedidentity", SettingScope.AzureOnly,
            "`managedidentity` to use the app's managed identity for storage."),
        new("AzureWebJobsStorage__clientId", null, SettingScope.AzureOnly,
            "Client id of the user-assigned managed identity."),
        new("FUNCTIONS_WORKER_RUNTIME", "custom", SettingScope.LocalOnly,
            "Tells the Functions host the app is a custom handler (Flex Consumption sets the runtime in the site config instead)."),
        new("FUNCTIONS_CUSTOMHANDLER_PORT", null, SettingScope.SetByHost,
            "Port the handler listens on, chosen by the Functions host (legacy name FUNCTIONS_HTTPWORKER_PORT is also read)."),
        new("Hub__PseudonymisationKey", null, SettingScope.Everywhere,
            "Secret. Base64 of at least 32 random bytes; pupil keys are HMAC-SHA256 of the UPN under it. Key Vault in Azure; `scripts/run.sh` makes a development key."),
        new("Hub__PreviousPseudonymisationKeys", "", SettingScope.Everywhere,
            "Secret. The keys in use before earlier rotations, oldest first, base64 joined by commas; empty (or `none`, as Key Vault holds it in Azure) until the first `rekey`. Pupil keys chain through them, so stored rows and new drops keep linking (see \"Re-keying pupils\")."),
        new("Hub__NextPseudonymisationKey", "", SettingScope.LocalOnly,
            "Secret, read only by the `rekey` verb, which an operator runs from their own machine: the key the tables are moved to (base64, at least 32 bytes). Kept out of the command line so it never reaches shell history or the process list, and never set on the function app."),
        new("Hub__LocalAuthority", "Rotherham", SettingScope.Everywhere,
            "The home LA as DfE names it; matched to DfE's files ignoring case and punctuation. Its Benchmarks rows carry its ranks among LAs."),
        new("Hub__Region", "Yorkshire and the Humber", SettingScope.Everywhere,
            "The home LA's region as DfE names it, matched the same way (DfE spells \"Yorkshire and the/The Humber\" both ways)."),
        new("Ingest__RejectThresholdPercent", "20", SettingScope.Everywhere,
            "A readable file is rejected whole (and quarantined) when more than this percentage of its rows is rejected."),
        new("Ingest__RawRetentionDays", "30", SettingScope.Everywhere,
            "Days raw uploads stay in drops, plans and benchmarks before SweepDrops deletes them (only once handled)."),
        new("Ingest__QuarantineRetentionDays", "90", SettingScope.Everywhere,
            "Days quarantined files and their reports are kept."),
        new("Ingest__MaxFileBytes", "52428800", SettingScope.Everywhere,
            "Largest upload read (bytes, default 50 MB); a larger file is rejected whole and quarantined without being read."),
        new("Ingest__MaxRows", "1000000", SettingScope.Everywhere,
            "Most rows read from one file, blank rows counted; more rejects the file whole."),
        new("Ingest__MaxColumns", "1000", SettingScope.Everywhere,
            "Most cells in one row (a year's wide register is about 390 session columns); more rejects the file whole."),
        new("Ingest__MaxCellChars", "32767", SettingScope.Everywhere,
            "Longest cell in characters (Excel's own limit); a longer one, often an unclosed quote, rejects the file whole."),
        new("Ingest__MaxXlsxUncompressedBytes", "1073741824", SettingScope.Everywhere,
            "Largest total of an XLSX workbook's parts once unzipped (bytes, default 1 GB): checked from the zip's central directory before the workbook is opened (no part is inflated past its declared size)."),
        new("Ingest__MaxXlsxEntries", "1000", SettingScope.Everywhere,
            "Most parts (zip entries) in an XLSX workbook."),
        new("Retention__PupilDataYears", "7", SettingScope.Everywhere,
            "Pupil rows (Exclusions, Attendance, Cohorts) are deleted by SweepDrops once the academic year they describe ended more than this many years ago; Metrics and CohortOutcomes stay."),
        new("Schools__UploadUrlMinutes", "15", SettingScope.Everywhere,
            "Minutes an upload URL (UploadUrl) stays valid: long enough to send a large file, short enough that a leaked one is soon useless."),
        new("Storage__ServiceVersion", "2025-11-05", SettingScope.Everywhere,
            "Storage REST API version sent as x-ms-version."),
        new("Storage__MaxRetries", "5", SettingScope.Everywhere,
            "Retries after a transient storage failure (408, 429, 500, 502, 503, 504, network)."),
        new("Storage__RetryDelay", "00:00:00.8", SettingScope.Everywhere,
            "First retry delay; later ones grow exponentially with jitter."),
        new("Storage__MaxRetryDelay", "00:00:30", SettingScope.Everywhere,
            "Longest single wait, including a server's Retry-After."),
        new("Storage__NetworkTimeout", "00:01:40", SettingScope.Everywhere,
            "Time allowed for one storage request before it counts as a network failure."),
        new("M365__Mode", null, SettingScope.Everywhere,
            "`Outbox` (write what would be sent to table Outbox) or `Graph` (send through Microsoft Graph and the Workflows webhook). Empty: Graph when a tenant is set, else Outbox."),
        new("M365__GraphBaseUrl", "https://graph.microsoft.com/v1.0", SettingScope.Everywhere,
            "Microsoft Graph's base URL (tests point it at a fake server on 127.0.0.1)."),
        new("M365__TenantId", null, SettingScope.Everywhere, "The Entra ID tenant (Graph mode)."),
        new("M365__ClientId", null, SettingScope.Everywhere, "The app registration the hub signs in as (Graph mode)."),
        new("M365__ClientSecret", null, SettingScope.Everywhere,
            "Secret, optional: the app registration's client secret; empty means the managed identity signs in for it through a federated credential."),
        new("M365__ManagedIdentityClientId", null, SettingScope.AzureOnly,
            "Client id of the user-assigned managed identity trusted by the app registration; empty means the system-assigned identity."),
        new("M365__TeamsAppId", null, SettingScope.Everywhere, "The Teams app's id in the organisation's catalog (activity-feed notifications; Graph mode)."),
        new("M365__BoardWebhookUrl", null, SettingScope.Everywhere,
            "Secret: the Teams Workflows webhook the board digest is posted to (https; Key Vault in Azure; Graph mode)."),
        new("M365__TrackerUrl", null, SettingScope.Everywhere,
            "The SharePoint action tracker's address as people open it; prompts and the digest link to it (each action to the list filtered on its ActionId). Required in Graph mode."),
        new("M365__SiteId", null, SettingScope.Everywhere,
            "The SharePoint site holding the tracker lists, as Graph's composite id `host,siteGuid,webGuid` (Graph mode)."),
        new("M365__TrackerListId", null, SettingScope.Everywhere, "The action tracker list's id, as printed by `provision-lists` (Graph mode)."),
        new("M365__FiguresListId", null, SettingScope.Everywhere, "The figures list's id, as printed by `provision-lists` (Graph mode)."),
        new("M365__ReturnsListId", null, SettingScope.Everywhere, "The returns list's id, as printed by `provision-lists` (Graph mode)."),
        new("M365__MaxRetries", "4", SettingScope.Everywhere, "Retries of a throttled (429) or unavailable (503/504) Graph or webhook call."),
        new("M365__RetryDelay", "00:00:02", SettingScope.Everywhere, "First retry delay for Graph and the webhook; later ones grow exponentially."),
        new("M365__MaxRetryDelay", "00:02:00", SettingScope.Everywhere,
            "Longest wait before a retry; a Retry-After longer than this fails the call rather than retrying early."),
        new("M365__NetworkTimeout", "00:01:40", SettingScope.Everywhere, "Time allowed for one Graph or webhook request."),
        new("LocalHost__Port", "7071", SettingScope.LocalOnly,
            "Port of the handler in local runs (`serve` without a Functions host, and `local`); 0 picks a free one."),
        new("LocalHost__PollInterval", "00:00:02", SettingScope.LocalOnly,
            "How often the local host polls queues when they are quiet."),
        new("LocalHost__PassInterval", "00:05:00", SettingScope.LocalOnly,
            "In `local` without `--once`: how often timers run (one pass of every timer, then queues are drained)."),
    ];
}
