using Azure.Data.Tables;
using BackOnTrack.Core.Ingest.Records;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Where a school data drop's accepted rows go (docs/architecture.md §Storage contracts): exclusions to Exclusions,
/// marks packed per pupil and month and summaries to Attendance, schools to Schools, cohort members to Cohorts, all
/// through one <see cref="PartitionedTableWriter"/> over the SDK. Open one per drop.
/// </summary>
public sealed class DropRowStore
{
    private readonly TableServiceClient _tables;

    /// <param name="tables">The account's SDK Table client (the writer takes each table's client from it).</param>
    public DropRowStore(TableServiceClient tables) => _tables = tables ?? throw new ArgumentNullException(nameof(tables));

    /// <summary>A writer for one drop's rows; flush it, then dispose it.</summary>
    public DropRowWriter Open(string dropId) => new(new PartitionedTableWriter(_tables), dropId);
}

/// <summary>One drop's rows on their way to the tables; each row carries the drop id, so the drop's rows can be found again.</summary>
public sealed class DropRowWriter : IAsyncDisposable
{
    private readonly PartitionedTableWriter _writer;
    private readonly AttendanceMarkWriter _marks;
    private readonly string _dropId;

    internal DropRowWriter(PartitionedTableWriter writer, string dropId)
    {
        _writer = writer;
        _dropId = dropId;
        _marks = new AttendanceMarkWriter(writer, dropId);
    }

    /// <summary>Every table and partition written to, as <c>Table|PartitionKey</c> in order (how DataDrops lists them).</summary>
    public IReadOnlyList<string> Partitions => _writer.TouchedPartitions();

    public Task AddAsync(DropRecord record, CancellationToken cancellationToken) => record switch
    {
        AttendanceMarkRecord mark => _marks.AddAsync(mark, cancellationToken),
        ExclusionRecord exclusion => _writer.UpsertAsync(HubStorageNames.Tables.Exclusions, IngestEntities.Exclusion(exclusion, _dropId), TableUpdateMode.Replace, cancellationToken),
        AttendanceSummaryRecord summary => _writer.UpsertAsync(HubStorageNames.Tables.Attendance, IngestEntities.AttendanceSummary(summary, _dropId), TableUpdateMode.Replace, cancellationToken),
        SchoolRecord school => _writer.UpsertAsync(HubStorageNames.Tables.Schools, IngestEntities.School(school, _dropId), TableUpdateMode.Replace, cancellationToken),
        CohortMemberRecord member => _writer.UpsertAsync(HubStorageNames.Tables.Cohorts, IngestEntities.CohortMember(member, _dropId), TableUpdateMode.Replace, cancellationToken),
        null => throw new ArgumentNullException(nameof(record)),
        _ => throw new InvalidOperationException($"No table for {record.GetType().Name}."),
    };

    /// <summary>Writes the months still open and every pending batch, and waits for all in flight.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _marks.CloseAsync(cancellationToken).ConfigureAwait(false);
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
