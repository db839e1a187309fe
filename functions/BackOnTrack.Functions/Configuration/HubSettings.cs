namespace BackOnTrack.Functions.Configuration;

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
        new("LocalHost__Port", "7071", SettingScope.LocalOnly,
            "Port of the handler in local runs (`serve` without a Functions host, and `local`); 0 picks a free one."),
        new("LocalHost__PollInterval", "00:00:02", SettingScope.LocalOnly,
            "How often the local host polls queues when they are quiet."),
        new("LocalHost__PassInterval", "00:05:00", SettingScope.LocalOnly,
            "In `local` without `--once`: how often timers run (one pass of every timer, then queues are drained)."),
    ];
}
