using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Storage.Tables;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Sweep;

/// <summary>Pupil rows deleted by one retention pass, per table, and the drops that became <c>Expired</c>.</summary>
public sealed record RetentionResult(IReadOnlyDictionary<string, int> RowsDeleted, int DropsExpired)
{
    public int TotalRows => RowsDeleted.Values.Sum();
}

/// <summary>
/// Deletes pupil rows once the academic year they describe ended more than <c>Retention__PupilDataYears</c> ago:
/// Exclusions and Attendance partitions (<c>{laestab}_{yyyy-yy}</c>) whole, Cohorts rows by the year of their start
/// date. It finds them through the drop registry (each Processed drop lists the partitions it wrote), so it never scans
/// the large tables, and marks a drop <c>Expired</c> once none of its pupil rows is left, so later passes skip it.
/// Aggregate figures (Metrics, CohortOutcomes) hold no pupil and are kept; they are not recomputed.
/// </summary>
public sealed partial class PupilDataRetention(
    DataDropStore drops, TableServiceClient tables, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<PupilDataRetention> logger)
{
    public async Task<RetentionResult> ApplyAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var keptFrom = today.AddYears(-options.Value.PupilDataYears);
        bool Expired(AcademicYear year) => year.End < keptFrom;

        var deleted = HubStorageNames.Tables.PupilRows.ToDictionary(t => t, _ => 0, StringComparer.Ordinal);
        var clearedPartitions = new HashSet<string>(StringComparer.Ordinal);
        var expiredDrops = 0;
        foreach (var drop in (await drops.ListAllAsync(cancellationToken).ConfigureAwait(false)).Where(d => d.Status == DropStatus.Processed))
        {
            var pupilPartitions = drop.Partitions.Select(Split).Where(p => deleted.ContainsKey(p.Table)).ToList();
            var allExpired = pupilPartitions.Count > 0;
            foreach (var (table, partition) in pupilPartitions)
            {
                if (table == HubStorageNames.Tables.Cohorts)
                {
                    var (removed, left) = await DeleteExpiredMembersAsync(partition, drop.DropId, Expired, cancellationToken).ConfigureAwait(false);
                    deleted[table] += removed;
                    allExpired &= left == 0;
                }
                else if (AcademicYear.TryParse(partition[(partition.LastIndexOf('_') + 1)..], out var year) && Expired(year))
                {
                    if (clearedPartitions.Add($"{table}|{partition}"))
                    {
                        deleted[table] += await DeleteWhereAsync(table, TableFilter.Of($"PartitionKey eq {partition}"), _ => true, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    allExpired = false;
                }
            }

            if (allExpired)
            {
                await drops.SaveAsync(drop with { Status = DropStatus.Expired }, cancellationToken).ConfigureAwait(false);
                expiredDrops++;
            }
        }

        var result = new RetentionResult(deleted, expiredDrops);
        LogRetention(logger, options.Value.PupilDataYears, deleted[HubStorageNames.Tables.Exclusions], deleted[HubStorageNames.Tables.Attendance], deleted[HubStorageNames.Tables.Cohorts], expiredDrops);
        return result;
    }

    private async Task<(int Removed, int Left)> DeleteExpiredMembersAsync(string cohort, string dropId, Func<AcademicYear, bool> expired, CancellationToken cancellationToken)
    {
        var left = 0;
        var removed = await DeleteWhereAsync(
            HubStorageNames.Tables.Cohorts,
            TableFilter.Of($"PartitionKey eq {cohort} and SourceDropId eq {dropId}"),
            row =>
            {
                var start = row.GetDateTimeOffset("StartDate");
                var gone = start is { } s && expired(AcademicYear.FromDate(DateOnly.FromDateTime(s.UtcDateTime)));
                left += gone ? 0 : 1;
                return gone;
            },
            cancellationToken).ConfigureAwait(false);
        return (removed, left);
    }

    private async Task<int> DeleteWhereAsync(string table, string filter, Func<TableEntity, bool> expired, CancellationToken cancellationToken)
    {
        var deletes = new List<TableTransactionAction>();
        await foreach (var row in tables.QueryAsync(table, filter, ["StartDate"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (expired(row))
            {
                deletes.Add(TableTransactionAction.Delete(row.PartitionKey, row.RowKey));
            }
        }

        foreach (var chunk in deletes.Chunk(TableServiceClient.MaxTransactionOperations))
        {
            await tables.SubmitTransactionAsync(table, chunk, cancellationToken).ConfigureAwait(false);
        }

        return deletes.Count;
    }

    private static (string Table, string Partition) Split(string tableAndPartition)
    {
        var bar = tableAndPartition.IndexOf('|', StringComparison.Ordinal);
        return (tableAndPartition[..bar], tableAndPartition[(bar + 1)..]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention ({Years} years) deleted {Exclusions} Exclusions, {Attendance} Attendance and {Cohorts} Cohorts rows; {Drops} drops expired")]
    private static partial void LogRetention(ILogger logger, int years, int exclusions, int attendance, int cohorts, int drops);
}
