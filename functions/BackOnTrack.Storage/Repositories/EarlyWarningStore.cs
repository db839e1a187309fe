using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Table EarlyWarnings: PartitionKey the school's LAESTAB, RowKey the pupilKey (never a UPN or a name). Flagged,
/// Reasons (JSON array of reason codes), Evidence (JSON object: for each reason its counts, dates and rates), NcYear,
/// Cohort, Status, FirstFlaggedAt, LastChangedAt, AsOf (00:00 UTC of the as-of date). Writes are conditional on the
/// version read, so of two recomputes of a school the later-reading one wins and the other computes again.
/// </summary>
public sealed class EarlyWarningStore : IEarlyWarnings
{
    private readonly TableClient _table;

    /// <param name="table">The EarlyWarnings table's client.</param>
    public EarlyWarningStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's EarlyWarnings table (how the hub's container builds it).</summary>
    public EarlyWarningStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.EarlyWarnings))
    {
    }

    public async Task<IReadOnlyList<StoredEarlyWarning>> ReadSchoolAsync(Laestab school, CancellationToken cancellationToken)
    {
        var rows = new List<StoredEarlyWarning>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {school.Value}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new StoredEarlyWarning(FromEntity(row), row.ETag.ToString()));
        }

        return rows;
    }

    public async Task<IReadOnlyDictionary<string, List<EarlyWarningFlag>>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var bySchool = new Dictionary<string, List<EarlyWarningFlag>>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter: (string?)null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!bySchool.TryGetValue(row.PartitionKey, out var flags))
            {
                flags = [];
                bySchool[row.PartitionKey] = flags;
            }

            flags.Add(FromEntity(row));
        }

        return bySchool;
    }

    public async Task<EarlyWarningWriteResult> WriteAsync(Laestab school, IReadOnlyList<EarlyWarningWrite> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return EarlyWarningWriteResult.Unchanged;
        }

        var actions = writes.Select(w => w switch
        {
            { Flag: null } => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(school.Value, w.PupilKey), w.ETag is { } read ? new ETag(read) : ETag.All),
            { ETag: { } etag } => new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(school, w.Flag), new ETag(etag)),
            _ => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(school, w.Flag)),
        }).ToList();
        try
        {
            foreach (var chunk in actions.Chunk(TableTransactions.MaxOperations))
            {
                await _table.SubmitCheckedAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return EarlyWarningWriteResult.Conflict;
        }

        return EarlyWarningWriteResult.Written;
    }

    public async Task<int> DeletePupilAsync(PupilKey pupil, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {pupil.Value}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        foreach (var row in rows)
        {
            using var response = await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            if (response.Status != 404)
            {
                deleted++;
            }
        }

        return deleted;
    }

    internal static TableEntity ToEntity(Laestab school, EarlyWarningFlag flag) => new TableEntity(school.Value, flag.PupilKey)
    {
        ["Flagged"] = flag.Flagged,
        ["Reasons"] = JsonSerializer.Serialize(flag.Reasons.Select(r => r.ToString()).ToArray(), EvidenceJson.Options),
        ["Evidence"] = EvidenceJson.Write(flag.Evidence),
        ["NcYear"] = flag.NcYear,
        ["Cohort"] = flag.Cohort,
        ["Status"] = flag.Status.ToString(),
        ["FirstFlaggedAt"] = flag.FirstFlaggedAt,
        ["LastChangedAt"] = flag.LastChangedAt,
        ["AsOf"] = new DateTimeOffset(flag.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
    }.WithoutNulls();

    internal static EarlyWarningFlag FromEntity(TableEntity row) => new(
        row.RowKey,
        row.GetBoolean("Flagged") ?? false,
        EvidenceJson.Read(row.GetString("Evidence")),
        row.GetString("NcYear") ?? "",
        row.GetString("Cohort") ?? "",
        Enum.TryParse<EarlyWarningStatus>(row.GetString("Status"), out var status) ? status : EarlyWarningStatus.Cleared,
        row.GetDateTimeOffset("FirstFlaggedAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("LastChangedAt") ?? DateTimeOffset.MinValue,
        DateOnly.FromDateTime((row.GetDateTimeOffset("AsOf") ?? DateTimeOffset.MinValue).UtcDateTime));
}
