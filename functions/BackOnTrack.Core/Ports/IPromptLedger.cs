using BackOnTrack.Core.Calendar;

namespace BackOnTrack.Core.Ports;

/// <summary>
/// Table PromptLedger: what PromptOwners has already sent in each ISO week, so a rerun or a redelivered run in the same
/// week sends nothing twice and a run that stopped half way is caught up by the next.
/// </summary>
public interface IPromptLedger
{
    /// <summary>The board digest's key in a week.</summary>
    const string DigestKey = "digest";

    /// <summary>The ledger keys recorded in a week.</summary>
    Task<IReadOnlySet<string>> RecordedAsync(IsoWeek week, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="ledgerKey"/> was sent in <paramref name="week"/> (idempotent).</summary>
    Task RecordAsync(IsoWeek week, string ledgerKey, string kind, string outcome, DateTimeOffset sentAt, CancellationToken cancellationToken);
}
