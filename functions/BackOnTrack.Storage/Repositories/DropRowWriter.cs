using Azure.Data.Tables;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>One drop's rows on their way to the tables; each row carries the drop id, so the drop's rows can be found again.</summary>
internal sealed class DropRowWriter : IDropRowWriter
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
