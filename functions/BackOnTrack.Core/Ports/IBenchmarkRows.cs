using BackOnTrack.Core.Benchmarks;

namespace BackOnTrack.Core.Ports;

/// <summary>Table Benchmarks, as a DfE statistics file's import writes it: each row replaced whole, marked with the drop that wrote it.</summary>
public interface IBenchmarkRows
{
    /// <summary>Upserts (replacing) every row; returns the partitions written, as <c>Benchmarks|PartitionKey</c> in order.</summary>
    Task<IReadOnlyList<string>> WriteAsync(IEnumerable<BenchmarkRow> rows, string dropId, CancellationToken cancellationToken);
}
