namespace BackOnTrack.Core.Drops;

/// <summary>A blob version's receipt: which version (ETag) was handled, as which drop, and how it ended.</summary>
public sealed record BlobReceipt(string Container, string BlobName, string BlobETag, string DropId, ReceiptStatus Status, string? DuplicateOf, DateTimeOffset ReceivedAt)
{
    /// <summary>The receipt row's own version (its ETag), for conditional updates; null for a receipt not yet stored.</summary>
    public string? RowETag { get; init; }

    /// <summary>True when this version needs no more work.</summary>
    public bool IsFinal => Status is not ReceiptStatus.Processing;
}
