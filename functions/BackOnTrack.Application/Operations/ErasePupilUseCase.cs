using BackOnTrack.Core.Operations;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using BackOnTrack.Storage;

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
    IPupilRows pupilRows, IMetricsRequests metricsRequests, IEarlyWarnings earlyWarnings, IOperationsAudit audit, TimeProvider clock, ILogger<ErasePupilUseCase> logger)
{
    public const string Operation = "PupilErase";

    public async Task<ErasureResult> EraseAsync(PupilKey pupil, string by, string reason, CancellationToken cancellationToken)
    {
        var schoolYears = new HashSet<string>(StringComparer.Ordinal);
        var removed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in new[] { HubStorageNames.Tables.Exclusions, HubStorageNames.Tables.Attendance })
        {
            var rows = await pupilRows.FindPupilAsync(table, pupil, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                // Partition {laestab}_{yyyy-yy}: the school-year the row counts towards.
                var underscore = row.PartitionKey.LastIndexOf('_');
                schoolYears.Add($"{row.PartitionKey[..underscore]}|{row.PartitionKey[(underscore + 1)..]}");
            }

            removed[table] = await pupilRows.DeleteAsync(rows, cancellationToken).ConfigureAwait(false);
        }

        var memberships = await pupilRows.FindPupilAsync(HubStorageNames.Tables.Cohorts, pupil, cancellationToken).ConfigureAwait(false);
        foreach (var member in memberships)
        {
            if (member is { Laestab: { } school, StartDate: { } start })
            {
                var year = AcademicYear.FromDate(DateOnly.FromDateTime(start.UtcDateTime));
                schoolYears.Add($"{school}|{year}");
                // The LA scope recomputes every cohort's outcomes, including cohorts left with no pupil at that school.
                schoolYears.Add($"{DropLocation.LaScope}|{year}");
            }
        }

        removed[HubStorageNames.Tables.Cohorts] = await pupilRows.DeleteAsync(memberships, cancellationToken).ConfigureAwait(false);
        removed[HubStorageNames.Tables.EarlyWarnings] = await earlyWarnings.DeletePupilAsync(pupil, cancellationToken).ConfigureAwait(false);
        var requests = await metricsRequests.RequestAsync(schoolYears, cancellationToken).ConfigureAwait(false);
        var counts = removed.ToDictionary(r => r.Key, r => (long)r.Value);
        counts["MetricsRequests"] = requests;
        await audit.WriteAsync(new OperationsAuditEntry(Operation, clock.GetUtcNow(), by, reason, counts), cancellationToken).ConfigureAwait(false);
        var result = new ErasureResult(removed, requests);
        LogErased(logger, result.TotalRows, requests);
        return result;
    }

    // Counts only: the pupil's key is an identifier and never goes to the logs.
    [LoggerMessage(Level = LogLevel.Information, Message = "Erased one pupil: {Rows} rows removed, {Requests} metrics requests sent")]
    private static partial void LogErased(ILogger logger, int rows, int requests);
}
