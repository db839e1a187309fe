using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Storage.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Table <c>PromptLedger</c>: what PromptOwners has already sent in an ISO week (PartitionKey <c>yyyy-Www</c>, RowKey the
/// prompt's ledger key through the key encoder, or <c>digest</c>; properties Kind, SentAt, Outcome). A prompt is
/// recorded once it was delivered (or outboxed), so a rerun or a redelivered run in the same week sends nothing twice
/// and a run that stopped half way is caught up by the next. Holds staff UPNs (in keys), never pupil data.
/// </summary>
public sealed class PromptLedgerStore(TableServiceClient tables)
{
    /// <summary>The board digest's row in a week.</summary>
    public const string DigestKey = "digest";

    /// <summary>The ledger keys recorded in a week.</summary>
    public async Task<IReadOnlySet<string>> RecordedAsync(IsoWeek week, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in tables.QueryAsync(HubStorageNames.Tables.PromptLedger, TableFilter.Of($"PartitionKey eq {week.ToString()}"), ["RowKey"], cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            keys.Add(TableKey.Decode(row.RowKey));
        }

        return keys;
    }

    /// <summary>Records that <paramref name="ledgerKey"/> was sent in <paramref name="week"/> (idempotent).</summary>
    public async Task RecordAsync(IsoWeek week, string ledgerKey, string kind, string outcome, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(week.ToString(), TableKey.Encode(ledgerKey))
        {
            ["Kind"] = kind,
            ["Outcome"] = outcome,
            ["SentAt"] = sentAt,
        };
        await tables.UpsertEntityAsync(HubStorageNames.Tables.PromptLedger, row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
