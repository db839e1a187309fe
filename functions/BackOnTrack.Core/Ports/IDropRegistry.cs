using BackOnTrack.Core.Drops;

namespace BackOnTrack.Core.Ports;

/// <summary>Table DataDrops: every drop (one version of one file) a school or the LA sent, and what became of it.</summary>
public interface IDropRegistry
{
    Task<DataDrop?> GetAsync(string scope, string dropId, CancellationToken cancellationToken);

    /// <summary>Every drop of a school (or of the LA).</summary>
    Task<IReadOnlyList<DataDrop>> ListAsync(string scope, CancellationToken cancellationToken);

    /// <summary>Every drop of every school and of the LA.</summary>
    Task<IReadOnlyList<DataDrop>> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>Drops finished (processed or rejected) at or after <paramref name="since"/>, across schools and the LA.</summary>
    Task<IReadOnlyList<DataDrop>> ListProcessedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Writes the drop's row, replacing what it said before.</summary>
    Task SaveAsync(DataDrop drop, CancellationToken cancellationToken);
}
