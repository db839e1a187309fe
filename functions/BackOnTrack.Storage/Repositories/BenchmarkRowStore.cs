using Azure.Data.Tables;
using BackOnTrack.Core.Benchmarks;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>Writes a DfE statistics file's rows to table Benchmarks through the SDK, in transactions per partition.</summary>
public sealed class BenchmarkRowStore : IBenchmarkRows
{
    private readonly TableServiceClient _tables;

    /// <param name="tables">The account's SDK Table client: the partitioned writer it batches through takes the account, not one table.</param>
    public BenchmarkRowStore(TableServiceClient tables) => _tables = tables ?? throw new ArgumentNullException(nameof(tables));

    /// <summary>Upserts (replacing) every row; returns the partitions written, as <c>Benchmarks|PartitionKey</c> in order.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(IEnumerable<BenchmarkRow> rows, string dropId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new PartitionedTableWriter(_tables);
        foreach (var row in rows)
        {
            await writer.UpsertAsync(HubStorageNames.Tables.Benchmarks, BenchmarkEntities.Of(row, dropId), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return writer.TouchedPartitions();
    }
}
