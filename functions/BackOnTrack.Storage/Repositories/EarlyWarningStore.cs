using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Storage.Repositories;

/// <summary>A stored flag with the version it was read at, for a conditional write back.</summary>
public sealed record StoredEarlyWarning(EarlyWarningFlag Flag, ETag ETag);

/// <summary>One write of a school's recompute: a row to add (no ETag) or replace (the ETag read), or a row to delete.</summary>
public sealed record EarlyWarningWrite(string PupilKey, EarlyWarningFlag? Flag, ETag? ETag);

/// <summary>
/// Table EarlyWarnings: PartitionKey the school's LAESTAB, RowKey the pupilKey (never a UPN or a name). Flagged,
/// Reasons (JSON array of reason codes), Evidence (JSON object: for each reason its counts, dates and rates), NcYear,
/// Cohort, Status, FirstFlaggedAt, LastChangedAt, AsOf (00:00 UTC of the as-of date). Writes are conditional on the
/// version read, so of two recomputes of a school the later-reading one wins and the other computes again.
/// </summary>
public sealed class EarlyWarningStore
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
            rows.Add(new StoredEarlyWarning(FromEntity(row), row.ETag));
        }

        return rows;
    }

    /// <summary>Every school's rows, by LAESTAB (the LA's counts and the backtest's replay read them all at once).</summary>
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

    /// <summary>Applies a school's writes; <c>Conflict</c> when a row changed since it was read (what was applied before stays, and is rewritten by the next attempt).</summary>
    public async Task<WriteResult> WriteAsync(Laestab school, IReadOnlyList<EarlyWarningWrite> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return WriteResult.Unchanged;
        }

        var actions = writes.Select(w => w switch
        {
            { Flag: null } => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(school.Value, w.PupilKey), w.ETag ?? ETag.All),
            { ETag: { } etag } => new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(school, w.Flag), etag),
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
            return WriteResult.Conflict;
        }

        return WriteResult.Written;
    }

    /// <summary>Removes a pupil's rows at every school (erasure); returns how many went.</summary>
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

/// <summary>
/// The Evidence column: a JSON object with one member per reason that holds, in the order the rules run, each holding
/// only the figures that reason has, e.g. <c>{"RepeatSuspensions":{"count":2,"first":"2025-01-13","last":"2025-02-03"}}</c>.
/// </summary>
public static class EvidenceJson
{
    internal static readonly JsonSerializerOptions Options = new();

    public static string Write(IReadOnlyList<ReasonEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var reason in evidence)
            {
                writer.WriteStartObject(reason.Reason.ToString());
                WriteNumber(writer, "count", reason.Count);
                WriteNumber(writer, "previousCount", reason.PreviousCount);
                WriteDate(writer, "first", reason.First);
                WriteDate(writer, "last", reason.Last);
                WriteNumber(writer, "percent", reason.Percent);
                WriteNumber(writer, "baselinePercent", reason.BaselinePercent);
                WriteNumber(writer, "sessions", reason.Sessions);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyList<ReasonEvidence> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var evidence = new List<ReasonEvidence>();
        foreach (var member in document.RootElement.EnumerateObject())
        {
            if (!Enum.TryParse<EarlyWarningReason>(member.Name, out var reason))
            {
                continue;
            }

            var v = member.Value;
            evidence.Add(new ReasonEvidence(reason,
                Count: Int(v, "count"), PreviousCount: Int(v, "previousCount"), First: Date(v, "first"), Last: Date(v, "last"),
                Percent: Decimal(v, "percent"), BaselinePercent: Decimal(v, "baselinePercent"), Sessions: Int(v, "sessions")));
        }

        return evidence;
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateOnly? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    private static int? Int(JsonElement element, string name) => element.TryGetProperty(name, out var v) ? v.GetInt32() : null;

    private static decimal? Decimal(JsonElement element, string name) => element.TryGetProperty(name, out var v) ? v.GetDecimal() : null;

    private static DateOnly? Date(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) ? DateOnly.ParseExact(v.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}
