using System.Globalization;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>
/// Table BlobReceipts in memory, with its conditional writes: a save names the receipt it read (or none), and fails as
/// storage's 409/412 would when another delivery changed the row since.
/// </summary>
public sealed class InMemoryBlobReceipts : IBlobReceipts
{
    private readonly Dictionary<(string Container, string BlobName), BlobReceipt> _receipts = [];
    private int _versions;

    /// <summary>Every save, in order (what a delivery claimed and how it ended).</summary>
    public List<BlobReceipt> Saves { get; } = [];

    public Task<BlobReceipt?> GetAsync(string container, string blobName, CancellationToken cancellationToken) =>
        Task.FromResult(_receipts.GetValueOrDefault((container, blobName)));

    public Task<Dictionary<string, BlobReceipt>> ListAsync(string container, CancellationToken cancellationToken) =>
        Task.FromResult(_receipts.Where(r => r.Key.Container == container).ToDictionary(r => r.Key.BlobName, r => r.Value, StringComparer.Ordinal));

    public Task<BlobReceipt> SaveAsync(BlobReceipt receipt, BlobReceipt? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var key = (receipt.Container, receipt.BlobName);
        var current = _receipts.GetValueOrDefault(key);
        if (current?.RowETag != expected?.RowETag)
        {
            throw new InvalidOperationException($"Receipt {receipt.Container}/{receipt.BlobName} changed since it was read.");
        }

        var saved = receipt with { RowETag = string.Create(CultureInfo.InvariantCulture, $"W/\"{++_versions}\"") };
        _receipts[key] = saved;
        Saves.Add(saved);
        return Task.FromResult(saved);
    }

    public Task<bool> DeleteAsync(string container, string blobName, CancellationToken cancellationToken) => Task.FromResult(_receipts.Remove((container, blobName)));
}
