using BackOnTrack.Core.Drops;

namespace BackOnTrack.Core.Ports;

/// <summary>Table BlobReceipts: for each uploaded file, which version was handled, as which drop, and how it ended.</summary>
public interface IBlobReceipts
{
    /// <summary>The file's receipt, or null when none of its versions has been claimed.</summary>
    Task<BlobReceipt?> GetAsync(string container, string blobName, CancellationToken cancellationToken);

    /// <summary>Every receipt of a container, keyed by file name (for the sweep).</summary>
    Task<Dictionary<string, BlobReceipt>> ListAsync(string container, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the receipt only if nobody changed it since <paramref name="expected"/> was read (or, with none expected,
    /// only if none exists), so two deliveries racing over one file cannot both claim it: the loser's call fails, and its
    /// delivery is retried.
    /// </summary>
    Task<BlobReceipt> SaveAsync(BlobReceipt receipt, BlobReceipt? expected, CancellationToken cancellationToken);

    /// <summary>Forgets a file's receipt, so the next event for it (or the sweep) ingests it again; false when there was none.</summary>
    Task<bool> DeleteAsync(string container, string blobName, CancellationToken cancellationToken);
}
