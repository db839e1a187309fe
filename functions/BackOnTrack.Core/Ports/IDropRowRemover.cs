namespace BackOnTrack.Core.Ports;

/// <summary>
/// Takes back what one drop wrote to the pupil tables (a newer version of the file replaced it, it was rejected after
/// its rows were written, or it is withdrawn); rows another drop wrote later stay.
/// </summary>
public interface IDropRowRemover
{
    /// <summary>Removes the drop's rows from each "Table|PartitionKey" it recorded; returns how many rows changed.</summary>
    Task<int> RemoveAsync(string dropId, IEnumerable<string> partitions, CancellationToken cancellationToken);
}
