using BackOnTrack.Core.Ingest.Records;
using Azure.Data.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Packs marks into one entity per pupil and month (a property per session) and merges them into table Attendance.
/// Merge is per property, so files that overlap or arrive in any order combine session by session, and a session sent
/// twice is one value. A month is written once it has gone <see cref="IdleMarks"/> marks without a new session (files
/// sorted by pupil then stream to the store as they are read), or when <see cref="MaxOpenMonths"/> are open; a month
/// written early and again later simply merges twice.
/// </summary>
public sealed class AttendanceMarkWriter(PartitionedTableWriter writer, string dropId)
{
    /// <summary>Long enough that a file sorted by date keeps each pupil's month open across a school's whole roll.</summary>
    public const int IdleMarks = 4096;

    public const int MaxOpenMonths = 4096;

    private readonly Dictionary<(string PartitionKey, string RowKey), OpenMonth> _open = [];
    private readonly Queue<((string, string) Key, long Stamp)> _byAge = new();
    private readonly Dictionary<string, string> _sessionValues = new(StringComparer.Ordinal);
    private long _marks;
    private AttendanceMarkRecord? _lastMark;
    private OpenMonth? _lastMonth;

    // Not async: most marks only change an open month, and finish without an async state machine of their own.
    public Task AddAsync(AttendanceMarkRecord mark, CancellationToken cancellationToken)
    {
        _marks++;
        var month = SameMonthAsLast(mark) ? _lastMonth! : OpenMonthOf(mark);
        _lastMark = mark;
        _lastMonth = month;
        var key = month.Key;

        if (_marks - month.QueuedAt >= IdleMarks / 2 || month.QueuedAt == 0)
        {
            month.QueuedAt = _marks;
            _byAge.Enqueue((key, _marks));
        }

        if (month.NcYear != mark.NcYear.Code)
        {
            month.NcYear = mark.NcYear.Code;
            month.Entity["NcYear"] = month.NcYear;
        }

        month.Entity[IngestEntities.SessionProperty(mark.Date, mark.Session)] = SessionValue(mark.Code.Code);
        return HasIdleMonths() ? WriteIdleMonthsAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Hands every open month to the table writer (which the caller then flushes).</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        foreach (var month in _open.Values)
        {
            month.Written = true;
            await writer.UpsertAsync(HubStorageNames.Tables.Attendance, month.Entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }

        _open.Clear();
        _byAge.Clear();
    }

    private bool HasIdleMonths() => _byAge.TryPeek(out var oldest) && (oldest.Stamp <= _marks - IdleMarks || _open.Count > MaxOpenMonths);

    private async Task WriteIdleMonthsAsync(CancellationToken cancellationToken)
    {
        while (HasIdleMonths())
        {
            var oldest = _byAge.Dequeue();
            if (_open.TryGetValue(oldest.Key, out var month) && month.QueuedAt == oldest.Stamp)
            {
                // Its newest place in the queue: untouched for at least half the idle span (or the cap is reached).
                _open.Remove(oldest.Key);
                month.Written = true;
                await writer.UpsertAsync(HubStorageNames.Tables.Attendance, month.Entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Files list a pupil's sessions together, so most marks land in the month the previous mark did: skip the keys.
    private bool SameMonthAsLast(AttendanceMarkRecord mark) =>
        _lastMark is { } last && _lastMonth is { Written: false }
        && last.PupilKey == mark.PupilKey && last.Date.Month == mark.Date.Month && last.Date.Year == mark.Date.Year && last.Laestab == mark.Laestab;

    private OpenMonth OpenMonthOf(AttendanceMarkRecord mark)
    {
        var key = IngestEntities.AttendanceMonth(mark.Laestab, mark.PupilKey, mark.Date);
        if (!_open.TryGetValue(key, out var month))
        {
            month = new OpenMonth(key, new TableEntity(key.PartitionKey, key.RowKey) { ["PupilKey"] = mark.PupilKey.Value });
            _open[key] = month;
        }

        return month;
    }

    private string SessionValue(string code)
    {
        if (!_sessionValues.TryGetValue(code, out var value))
        {
            value = IngestEntities.SessionValue(code, dropId);
            _sessionValues[code] = value;
        }

        return value;
    }

    private sealed class OpenMonth((string PartitionKey, string RowKey) key, TableEntity entity)
    {
        public (string PartitionKey, string RowKey) Key { get; } = key;

        public TableEntity Entity { get; } = entity;

        /// <summary>Handed to the table writer: a later mark for the same month opens a new entity, merged on top.</summary>
        public bool Written { get; set; }

        /// <summary>The year group last written to the entity (a pupil's marks all carry the same one, almost always).</summary>
        public string? NcYear { get; set; }

        /// <summary>The mark count when this month last joined the age queue.</summary>
        public long QueuedAt { get; set; }
    }
}
