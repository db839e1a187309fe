using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Table Metrics: PartitionKey the scope (<c>LA</c> or a LAESTAB), RowKey <c>{yyyy-yy}_{period}_{breakdown}</c>. Beside
/// each scope's rows for a year sits one version row, <c>{yyyy-yy}_Version</c>, holding a fingerprint of the rows. Every
/// write of a scope-year ends with a conditional write of that row in the same transaction as the last rows, so of two
/// recomputes racing over one scope-year the one that read an older version fails and computes again: no update is lost.
/// </summary>
public sealed class MetricsStore : IMetricRows
{
    private const string VersionSuffix = "_Version";

    private readonly TableClient _table;

    /// <param name="table">The Metrics table's client.</param>
    public MetricsStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's Metrics table (how the hub's container builds it).</summary>
    public MetricsStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.Metrics))
    {
    }

    public async Task<MetricsVersion> ReadVersionAsync(string scope, string academicYear, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(scope, academicYear + VersionSuffix, cancellationToken: cancellationToken).ConfigureAwait(false);
        var row = found.HasValue ? found.Value : null;
        return new MetricsVersion(scope, academicYear, row?.ETag.ToString(), row?.GetString("Fingerprint"));
    }

    /// <summary>
    /// Replaces the scope-year's rows with <paramref name="rows"/> if nobody wrote it since <paramref name="read"/>.
    /// </summary>
    /// <returns><c>Unchanged</c> when the rows were already these, <c>Written</c>, or <c>Conflict</c> when another writer came first.</returns>
    public async Task<MetricsWriteResult> ReplaceAsync(MetricsVersion read, IReadOnlyList<MetricRow> rows, DateTimeOffset? dataAsOf, CancellationToken cancellationToken)
    {
        var entities = rows.Select(r => ToEntity(read.Scope, read.AcademicYear, r, dataAsOf)).ToList();
        var fingerprint = Fingerprint(entities);
        if (fingerprint == read.Fingerprint)
        {
            return MetricsWriteResult.Unchanged;
        }

        var keep = entities.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        var actions = entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToList();
        var prefix = read.AcademicYear + "_";
        await foreach (var existing in _table.QueryAsync<TableEntity>(TableQueries.PartitionAndRowKeyPrefix(read.Scope, prefix), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            if (!keep.Contains(existing.RowKey) && !existing.RowKey.EndsWith(VersionSuffix, StringComparison.Ordinal))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(read.Scope, existing.RowKey), ETag.All));
            }
        }

        var version = new TableEntity(read.Scope, read.AcademicYear + VersionSuffix) { ["Fingerprint"] = fingerprint, ["Rows"] = entities.Count };
        actions.Add(read.ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, version, new ETag(etag))
            : new TableTransactionAction(TableTransactionActionType.Add, version));

        var chunks = actions.Chunk(TableTransactions.MaxOperations).ToList();
        foreach (var chunk in chunks.SkipLast(1))
        {
            await _table.SubmitCheckedAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _table.SubmitCheckedAsync(chunks[^1], cancellationToken).ConfigureAwait(false);
            return MetricsWriteResult.Written;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return MetricsWriteResult.Conflict;
        }
    }

    /// <summary>The academic years a scope has figures for (from its version rows).</summary>
    public async Task<IReadOnlyList<string>> YearsAsync(string scope, CancellationToken cancellationToken)
    {
        var years = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.EndsWith(VersionSuffix, StringComparison.Ordinal))
            {
                years.Add(row.RowKey[..^VersionSuffix.Length]);
            }
        }

        return years;
    }

    /// <summary>A scope's rows for one year (the version row left out).</summary>
    public async Task<IReadOnlyList<MetricRow>> ReadAsync(string scope, string academicYear, CancellationToken cancellationToken) =>
        (await ReadWithDataAsOfAsync(scope, academicYear, cancellationToken).ConfigureAwait(false)).Rows;

    /// <summary>A scope's rows for one year and the latest data they were computed from.</summary>
    public async Task<(IReadOnlyList<MetricRow> Rows, DateTimeOffset? DataAsOf)> ReadWithDataAsOfAsync(string scope, string academicYear, CancellationToken cancellationToken)
    {
        var prefix = academicYear + "_";
        var rows = new List<MetricRow>();
        DateTimeOffset? dataAsOf = null;
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableQueries.PartitionAndRowKeyPrefix(scope, prefix), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            if (!entity.RowKey.EndsWith(VersionSuffix, StringComparison.Ordinal))
            {
                rows.Add(FromEntity(entity));
                dataAsOf = Later(dataAsOf, entity.GetDateTimeOffset("DataAsOf"));
            }
        }

        return (rows, dataAsOf);
    }

    /// <summary>Every school's rows for one year, by school (the LA's own rows left out), and the latest DataAsOf among them.</summary>
    public async Task<(IReadOnlyDictionary<string, List<MetricRow>> BySchool, DateTimeOffset? DataAsOf)> ReadSchoolsAsync(string academicYear, CancellationToken cancellationToken)
    {
        var prefix = academicYear + "_";
        var bySchool = new Dictionary<string, List<MetricRow>>(StringComparer.Ordinal);
        DateTimeOffset? dataAsOf = null;
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix + "\uffff"} and PartitionKey ne {"LA"}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            if (entity.RowKey.EndsWith(VersionSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!bySchool.TryGetValue(entity.PartitionKey, out var rows))
            {
                rows = [];
                bySchool[entity.PartitionKey] = rows;
            }

            rows.Add(FromEntity(entity));
            dataAsOf = Later(dataAsOf, entity.GetDateTimeOffset("DataAsOf"));
        }

        return (bySchool, dataAsOf);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    internal static TableEntity ToEntity(string scope, string academicYear, MetricRow row, DateTimeOffset? dataAsOf)
    {
        var v = row.Values;
        var entity = new TableEntity(scope, $"{academicYear}_{row.Period}_{row.Breakdown}")
        {
            ["Headcount"] = v.Headcount,
            ["PermExcl"] = v.PermExcl,
            ["PermExclRate"] = v.PermExclRate,
            ["WithdrawnPermExcl"] = v.WithdrawnPermExcl,
            ["Susp"] = v.Susp,
            ["SuspRate"] = v.SuspRate,
            ["OnePlusSusp"] = v.OnePlusSusp,
            ["OnePlusSuspRate"] = v.OnePlusSuspRate,
            ["SuspSessions"] = v.SuspSessions,
            ["Enrolments"] = v.Enrolments,
            ["PossibleSessions"] = v.PossibleSessions,
            ["AbsenceSessions"] = v.AbsenceSessions,
            ["AuthorisedSessions"] = v.AuthorisedSessions,
            ["UnauthorisedSessions"] = v.UnauthorisedSessions,
            ["OverallAbsenceRate"] = v.OverallAbsenceRate,
            ["AuthorisedAbsenceRate"] = v.AuthorisedAbsenceRate,
            ["UnauthorisedAbsenceRate"] = v.UnauthorisedAbsenceRate,
            ["PersistentAbsentees"] = v.PersistentAbsentees,
            ["PersistentAbsenceRate"] = v.PersistentAbsenceRate,
            ["SevereAbsentees"] = v.SevereAbsentees,
            ["SevereAbsenceRate"] = v.SevereAbsenceRate,
            ["DataAsOf"] = dataAsOf,
        };
        return entity.WithoutNulls();
    }

    internal static MetricRow FromEntity(TableEntity entity)
    {
        var parts = entity.RowKey.Split('_', 3);
        return new MetricRow(parts[1], parts[2], new MetricValues
        {
            Headcount = entity.ReadInt32("Headcount"),
            PermExcl = entity.ReadInt32("PermExcl") ?? 0,
            WithdrawnPermExcl = entity.ReadInt32("WithdrawnPermExcl") ?? 0,
            Susp = entity.ReadInt32("Susp") ?? 0,
            OnePlusSusp = entity.ReadInt32("OnePlusSusp") ?? 0,
            SuspSessions = entity.ReadInt32("SuspSessions") ?? 0,
            Enrolments = entity.ReadInt32("Enrolments") ?? 0,
            PossibleSessions = entity.ReadInt64("PossibleSessions") ?? 0,
            AuthorisedSessions = entity.ReadInt64("AuthorisedSessions") ?? 0,
            UnauthorisedSessions = entity.ReadInt64("UnauthorisedSessions") ?? 0,
            PersistentAbsentees = entity.ReadInt32("PersistentAbsentees") ?? 0,
            SevereAbsentees = entity.ReadInt32("SevereAbsentees") ?? 0,
        });
    }

    private static string Fingerprint(IEnumerable<TableEntity> entities)
    {
        var text = new StringBuilder();
        foreach (var entity in entities.OrderBy(e => e.RowKey, StringComparer.Ordinal))
        {
            text.Append(entity.RowKey).Append('{');
            // The properties only, as the rows hold them: not the keys (nor an ETag or Timestamp, never set here).
            foreach (var (name, value) in entity.Where(p => !KeyOrSystem(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(name).Append('=').Append(Convert.ToString(value is DateTimeOffset d ? d.UtcTicks : value, CultureInfo.InvariantCulture)).Append(';');
            }

            text.Append('}');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static bool KeyOrSystem(string name) => name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag";
}
