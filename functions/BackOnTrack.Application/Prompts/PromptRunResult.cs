using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Prompts;

namespace BackOnTrack.Application.Prompts;

/// <summary>An owner the run could not reach through Graph (403/404), and what Graph said.</summary>
public sealed record UnreachedOwner(string PlanId, string ActionKey, string Upn, IReadOnlyList<string> Roles, int Status, string? ErrorCode);

/// <summary>What became of the week's board digest in this run.</summary>
public enum DigestRunOutcome
{
    /// <summary>No plan has been imported: there is nothing to report.</summary>
    NoPlan,

    /// <summary>This week's digest had already been posted by an earlier run.</summary>
    AlreadyPosted,

    Posted,

    /// <summary>Written to the outbox (Outbox mode): nothing reached Teams.</summary>
    Outboxed,

    /// <summary>The webhook failed; the next run tries again.</summary>
    Failed,

    /// <summary>The run stopped before the digest (the hub's credentials were refused).</summary>
    NotAttempted,
}

/// <summary>What one PromptOwners run did (also written to <c>reports/prompts/…</c>).</summary>
public sealed record PromptRunResult(
    DateOnly AsOf,
    IsoWeek Week,
    int Prompts,
    int Sent,
    int Outboxed,
    int AlreadySentThisWeek,
    int AppsInstalled,
    IReadOnlyList<UnreachedOwner> Unreached,
    IReadOnlyList<UnpromptedOwner> Unprompted,
    DigestRunOutcome Digest,
    string? StoppedBecause)
{
    /// <summary>Prompts left for the next run (it sends them: the ledger only holds what went).</summary>
    public int Outstanding => Prompts - Sent - Outboxed - AlreadySentThisWeek - Unreached.Count;
}
