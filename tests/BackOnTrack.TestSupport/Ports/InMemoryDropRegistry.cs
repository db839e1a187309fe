using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>Table DataDrops in memory: one drop per scope and drop id, each save replacing the row.</summary>
public sealed class InMemoryDropRegistry : IDropRegistry
{
    private readonly Dictionary<(string Scope, string DropId), DataDrop> _drops = [];

    public IReadOnlyCollection<DataDrop> All => _drops.Values;

    public Task<DataDrop?> GetAsync(string scope, string dropId, CancellationToken cancellationToken) => Task.FromResult(_drops.GetValueOrDefault((scope, dropId)));

    public Task<IReadOnlyList<DataDrop>> ListAsync(string scope, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DataDrop>>([.. _drops.Values.Where(d => d.Scope == scope)]);

    public Task<IReadOnlyList<DataDrop>> ListAllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DataDrop>>([.. _drops.Values]);

    public Task<IReadOnlyList<DataDrop>> ListProcessedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DataDrop>>([.. _drops.Values.Where(d => d.ProcessedAt >= since)]);

    public Task SaveAsync(DataDrop drop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drop);
        _drops[(drop.Scope, drop.DropId)] = drop;
        return Task.CompletedTask;
    }
}
