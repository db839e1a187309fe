using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Storage;
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
    IDropRegistry drops, IPupilRows pupilRows, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<PupilDataRetention> logger)
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
                        deleted[table] += await pupilRows.DeletePartitionAsync(table, partition, cancellationToken).ConfigureAwait(false);
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
        var members = await pupilRows.FindCohortMembersAsync(cohort, dropId, cancellationToken).ConfigureAwait(false);
        var gone = members.Where(m => m.StartDate is { } s && expired(AcademicYear.FromDate(DateOnly.FromDateTime(s.UtcDateTime)))).ToList();
        return (await pupilRows.DeleteAsync(gone, cancellationToken).ConfigureAwait(false), members.Count - gone.Count);
    }

    private static (string Table, string Partition) Split(string tableAndPartition)
    {
        var bar = tableAndPartition.IndexOf('|', StringComparison.Ordinal);
        return (tableAndPartition[..bar], tableAndPartition[(bar + 1)..]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention ({Years} years) deleted {Exclusions} Exclusions, {Attendance} Attendance and {Cohorts} Cohorts rows; {Drops} drops expired")]
    private static partial void LogRetention(ILogger logger, int years, int exclusions, int attendance, int cohorts, int drops);
}
