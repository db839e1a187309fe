using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Storage.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Packs marks into one entity per pupil and month (a property per session) and merges them into table Attendance.
/// Merge is per property, so files that overlap or arrive in any order combine session by session, and a session sent
/// twice is one value. Entities are held only until <see cref="MaxOpenMonths"/> are open (files usually come sorted by
/// pupil): an entity written early and again later simply merges twice.
/// </summary>
public sealed class AttendanceMarkWriter(PartitionedTableWriter writer, string dropId)
{
    public const int MaxOpenMonths = 2_000;

    private readonly Dictionary<(string PartitionKey, string RowKey), TableEntity> _open = [];
    private readonly Queue<(string, string)> _openedOrder = new();

    public async Task AddAsync(AttendanceMarkRecord mark, CancellationToken cancellationToken)
    {
        var key = IngestEntities.AttendanceMonth(mark.Laestab, mark.PupilKey, mark.Date);
        if (!_open.TryGetValue(key, out var entity))
        {
            if (_open.Count >= MaxOpenMonths)
            {
                var oldest = _openedOrder.Dequeue();
                await writer.UpsertAsync(HubStorageNames.Tables.Attendance, _open[oldest], TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                _open.Remove(oldest);
            }

            entity = new TableEntity(key.PartitionKey, key.RowKey) { ["PupilKey"] = mark.PupilKey.Value };
            _open[key] = entity;
            _openedOrder.Enqueue(key);
        }

        entity["NcYear"] = mark.NcYear.Code;
        entity[IngestEntities.SessionProperty(mark.Date, mark.Session)] = IngestEntities.SessionValue(mark.Code.Code, dropId);
    }

    /// <summary>Hands every open month to the table writer (which the caller then flushes).</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        while (_openedOrder.TryDequeue(out var key))
        {
            await writer.UpsertAsync(HubStorageNames.Tables.Attendance, _open[key], TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }

        _open.Clear();
    }
}
