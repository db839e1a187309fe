using System.Globalization;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>One stored row of a drop: where it lives, what it says and the drop that last wrote it.</summary>
public sealed record StoredDropRow(string Table, string PartitionKey, string RowKey, DropRecord Record, string DropId);

/// <summary>
/// The drop tables in memory, keyed as storage keys them (a row is what it describes, so the same event from two
/// drops is one row, the later drop's), and the remover that deletes a drop's rows from the partitions it names.
/// Marks are one row per session here, where storage packs a pupil's month: the removal semantics are the same.
/// Rows are written as they are added, as a batch in flight may be before a drop fails.
/// </summary>
public sealed class InMemoryDropRows : IDropRows, IDropRowRemover
{
    private readonly Dictionary<(string Table, string PartitionKey, string RowKey), StoredDropRow> _rows = [];

    public IReadOnlyCollection<StoredDropRow> Rows => _rows.Values;

    /// <summary>When set, the writer fails (as storage going away would) once this many rows have been written in all.</summary>
    public int? FailAfterRows { get; set; }

    public int RowsWritten { get; private set; }

    public IDropRowWriter Open(string dropId) => new Writer(this, dropId);

    public Task<int> RemoveAsync(string dropId, IEnumerable<string> partitions, CancellationToken cancellationToken)
    {
        var named = partitions.ToHashSet(StringComparer.Ordinal);
        var removed = _rows.Where(r => r.Value.DropId == dropId && named.Contains($"{r.Key.Table}|{r.Key.PartitionKey}")).Select(r => r.Key).ToList();
        removed.ForEach(key => _rows.Remove(key));
        return Task.FromResult(removed.Count);
    }

    private static (string Table, string PartitionKey, string RowKey) KeyOf(DropRecord record) => record switch
    {
        ExclusionRecord e => ("Exclusions", SchoolYear(e.Laestab, e.AcademicYear), Invariant($"{e.PupilKey.Value}_{e.StartDate:yyyyMMdd}_{e.Category}")),
        AttendanceMarkRecord m => ("Attendance", SchoolYear(m.Laestab, AcademicYear.FromDate(m.Date)), Invariant($"M_{m.PupilKey.Value}_{m.Date:yyyyMMdd}_{m.Session}")),
        AttendanceSummaryRecord s => ("Attendance", SchoolYear(s.Laestab, s.AcademicYear), Invariant($"P_{s.PupilKey.Value}_{s.PeriodStart:yyyyMMdd}_{s.PeriodEnd:yyyyMMdd}")),
        SchoolRecord s => ("Schools", s.AcademicYear.ToString(), s.Laestab.Value),
        CohortMemberRecord c => ("Cohorts", c.Cohort, c.PupilKey.Value),
        _ => throw new InvalidOperationException($"No table for {record.GetType().Name}."),
    };

    private static string SchoolYear(Laestab school, AcademicYear year) => $"{school.Value}_{year}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Writer(InMemoryDropRows store, string dropId) : IDropRowWriter
    {
        private readonly SortedSet<string> _partitions = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Partitions => [.. _partitions];

        public Task AddAsync(DropRecord record, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(record);
            if (store.RowsWritten >= store.FailAfterRows)
            {
                throw new IOException("Storage stopped answering.");
            }

            var key = KeyOf(record);
            store._rows[key] = new StoredDropRow(key.Table, key.PartitionKey, key.RowKey, record, dropId);
            store.RowsWritten++;
            _partitions.Add($"{key.Table}|{key.PartitionKey}");
            return Task.CompletedTask;
        }

        public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
