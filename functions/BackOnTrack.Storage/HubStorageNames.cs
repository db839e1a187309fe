namespace BackOnTrack.Storage;

/// <summary>
/// Every container, queue and table the hub uses, listed once (docs/architecture.md §Functions, §Storage, Contract). The hub creates them at start;
/// <c>infra/</c> creates the same set in Azure.
/// </summary>
public static class HubStorageNames
{
    public static class Containers
    {
        public const string Drops = "drops";
        public const string Plans = "plans";
        public const string Benchmarks = "benchmarks";
        public const string Reports = "reports";
        public const string Quarantine = "quarantine";

        /// <summary>Table exports (<c>export</c>), one folder per export; what <c>restore</c> reads.</summary>
        public const string Backups = "backups";

        public static IReadOnlyList<string> All { get; } = [Drops, Plans, Benchmarks, Reports, Quarantine, Backups];
    }

    public static class Queues
    {
        public const string DropEvents = "drop-events";
        public const string MetricsRequests = "metrics-requests";
        public const string TrackerSync = "tracker-sync";

        /// <summary>Where the host moves a message that failed <c>maxDequeueCount</c> times.</summary>
        public static string PoisonOf(string queue) => queue + "-poison";

        /// <summary>The trigger queues, without their poison twins.</summary>
        public static IReadOnlyList<string> Triggers { get; } = [DropEvents, MetricsRequests, TrackerSync];

        public static IReadOnlyList<string> All { get; } = [.. Triggers, .. Triggers.Select(PoisonOf)];
    }

    public static class Tables
    {
        public const string DataDrops = "DataDrops";
        public const string BlobReceipts = "BlobReceipts";
        public const string Schools = "Schools";
        public const string Exclusions = "Exclusions";
        public const string Attendance = "Attendance";
        public const string Cohorts = "Cohorts";
        public const string Metrics = "Metrics";
        public const string CohortOutcomes = "CohortOutcomes";
        public const string Benchmarks = "Benchmarks";
        public const string Owners = "Owners";
        public const string Actions = "Actions";
        public const string ActionEvents = "ActionEvents";
        public const string Outbox = "Outbox";
        public const string PromptLedger = "PromptLedger";
        public const string SchoolKeys = "SchoolKeys";
        public const string TrackerItems = "TrackerItems";
        public const string RejectedTrackerEdits = "RejectedTrackerEdits";

        /// <summary>Early-warning flags, one row per school and pupilKey of a pupil flagged at some time.</summary>
        public const string EarlyWarnings = "EarlyWarnings";

        /// <summary>What the operations verbs did (erasures, withdrawals, re-keys): counts and reasons, never a pupil identifier.</summary>
        public const string OperationsAudit = "OperationsAudit";

        /// <summary>Pseudonymisation key rotations: which target key a <c>rekey</c> run is moving to, and whether it finished.</summary>
        public const string KeyRotations = "KeyRotations";

        /// <summary>The tables holding one row per pupil (keyed by pupilKey): what erasure, re-keying and retention work on.</summary>
        public static IReadOnlyList<string> PupilRows { get; } = [Exclusions, Attendance, Cohorts];

        public static IReadOnlyList<string> All { get; } =
            [DataDrops, BlobReceipts, Schools, Exclusions, Attendance, Cohorts, Metrics, CohortOutcomes, Benchmarks, Owners, Actions, ActionEvents, Outbox, PromptLedger, SchoolKeys, OperationsAudit, KeyRotations, TrackerItems, RejectedTrackerEdits, EarlyWarnings];
    }
}
