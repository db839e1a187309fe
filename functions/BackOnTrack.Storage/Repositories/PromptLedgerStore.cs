using Azure.Data.Tables;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Table <c>PromptLedger</c>: what PromptOwners has already sent in an ISO week (PartitionKey <c>yyyy-Www</c>, RowKey the
/// prompt's ledger key through the key encoder, or <c>digest</c>; properties Kind, SentAt, Outcome). A prompt is
/// recorded once it was delivered (or outboxed), so a rerun or a redelivered run in the same week sends nothing twice
/// and a run that stopped half way is caught up by the next. Holds staff UPNs (in keys), never pupil data.
/// </summary>
public sealed class PromptLedgerStore : IPromptLedger
{
    private readonly TableClient _table;

    /// <param name="table">The PromptLedger table's client.</param>
    public PromptLedgerStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's PromptLedger table (how the hub's container builds it).</summary>
    public PromptLedgerStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.PromptLedger))
    {
    }

    /// <summary>The ledger keys recorded in a week.</summary>
    public async Task<IReadOnlySet<string>> RecordedAsync(IsoWeek week, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {week.ToString()}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
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
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
