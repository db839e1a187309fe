using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Storage.Tables;

namespace BackOnTrack.Application.Operations;

/// <summary>What an erasure removed: rows per table, and how many school-years' metrics were asked for again.</summary>
public sealed record ErasureResult(IReadOnlyDictionary<string, int> RowsRemoved, int MetricsRequests)
{
    public int TotalRows => RowsRemoved.Values.Sum();
}

/// <summary>
/// <c>pupil erase</c>: removes one pupil from every table that holds pupil rows (Exclusions and both kinds of Attendance
/// row carry a <c>PupilKey</c> property; a month of marks is one pupil's, so whole entities go; Cohorts is keyed by the
/// pupilKey; so is EarlyWarnings, whose rows go at once rather than at the next recompute), asks for the metrics of every school-year the rows described (and the LA's, for cohort outcomes), and
/// writes an audit entry with counts, who and why, and no identifier. Running it again removes nothing more.
/// </summary>
public sealed partial class ErasePupilUseCase(
    TableServiceClient tables, IMetricsRequests metricsRequests, EarlyWarningStore earlyWarnings, OperationsAuditStore audit, TimeProvider clock, ILogger<ErasePupilUseCase> logger)
{
    public const string Operation = "PupilErase";

    public async Task<ErasureResult> EraseAsync(PupilKey pupil, string by, string reason, CancellationToken cancellationToken)
    {
        var schoolYears = new HashSet<string>(StringComparer.Ordinal);
        var removed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in new[] { HubStorageNames.Tables.Exclusions, HubStorageNames.Tables.Attendance })
        {
            var rows = await FindAsync(table, TableFilter.Of($"PupilKey eq {pupil.Value}"), cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                // Partition {laestab}_{yyyy-yy}: the school-year the row counts towards.
                var underscore = row.PartitionKey.LastIndexOf('_');
                schoolYears.Add($"{row.PartitionKey[..underscore]}|{row.PartitionKey[(underscore + 1)..]}");
            }

            removed[table] = await DeleteAsync(table, rows, cancellationToken).ConfigureAwait(false);
        }

        var memberships = await FindAsync(HubStorageNames.Tables.Cohorts, TableFilter.Of($"RowKey eq {pupil.Value}"), cancellationToken).ConfigureAwait(false);
        foreach (var member in memberships)
        {
            if (member.GetString("Laestab") is { } school && member.GetDateTimeOffset("StartDate") is { } start)
            {
                var year = AcademicYear.FromDate(DateOnly.FromDateTime(start.UtcDateTime));
                schoolYears.Add($"{school}|{year}");
                // The LA scope recomputes every cohort's outcomes, including cohorts left with no pupil at that school.
                schoolYears.Add($"{DropLocation.LaScope}|{year}");
            }
        }

        removed[HubStorageNames.Tables.Cohorts] = await DeleteAsync(HubStorageNames.Tables.Cohorts, memberships, cancellationToken).ConfigureAwait(false);
        removed[HubStorageNames.Tables.EarlyWarnings] = await earlyWarnings.DeletePupilAsync(pupil, cancellationToken).ConfigureAwait(false);
        var requests = await metricsRequests.RequestAsync(schoolYears, cancellationToken).ConfigureAwait(false);
        var counts = removed.ToDictionary(r => r.Key, r => (long)r.Value);
        counts["MetricsRequests"] = requests;
        await audit.WriteAsync(new OperationsAuditEntry(Operation, clock.GetUtcNow(), by, reason, counts), cancellationToken).ConfigureAwait(false);
        var result = new ErasureResult(removed, requests);
        LogErased(logger, result.TotalRows, requests);
        return result;
    }

    private async Task<List<TableEntity>> FindAsync(string table, string filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in tables.QueryAsync(table, filter, ["PupilKey", "Laestab", "StartDate"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<int> DeleteAsync(string table, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(TableServiceClient.MaxTransactionOperations))
            {
                await tables.SubmitTransactionAsync(table, [.. chunk.Select(r => TableTransactionAction.Delete(r.PartitionKey, r.RowKey))], cancellationToken).ConfigureAwait(false);
            }
        }

        return rows.Count;
    }

    // Counts only: the pupil's key is an identifier and never goes to the logs.
    [LoggerMessage(Level = LogLevel.Information, Message = "Erased one pupil: {Rows} rows removed, {Requests} metrics requests sent")]
    private static partial void LogErased(ILogger logger, int rows, int requests);
}
