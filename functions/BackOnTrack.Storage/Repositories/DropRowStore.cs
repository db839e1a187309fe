using Azure.Data.Tables;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Where a school data drop's accepted rows go (docs/architecture.md §Storage contracts): exclusions to Exclusions,
/// marks packed per pupil and month and summaries to Attendance, schools to Schools, cohort members to Cohorts, all
/// through one <see cref="PartitionedTableWriter"/> over the SDK. Open one per drop.
/// </summary>
public sealed class DropRowStore : IDropRows
{
    private readonly TableServiceClient _tables;

    /// <param name="tables">The account's SDK Table client (the writer takes each table's client from it).</param>
    public DropRowStore(TableServiceClient tables) => _tables = tables ?? throw new ArgumentNullException(nameof(tables));

    /// <summary>A writer for one drop's rows; flush it, then dispose it.</summary>
    public IDropRowWriter Open(string dropId) => new DropRowWriter(new PartitionedTableWriter(_tables), dropId);
}
