using Azure;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Storage.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>A blob version's receipt: which version (ETag) was handled, as which drop, and how it ended.</summary>
public sealed record BlobReceipt(string Container, string BlobName, string BlobETag, string DropId, ReceiptStatus Status, string? DuplicateOf, DateTimeOffset ReceivedAt)
{
    /// <summary>The receipt row's own ETag, for conditional updates; default for a receipt not yet stored.</summary>
    public ETag RowETag { get; init; }

    /// <summary>True when this version needs no more work.</summary>
    public bool IsFinal => Status is not ReceiptStatus.Processing;
}

/// <summary>Table BlobReceipts (PartitionKey container, RowKey the blob name through the key encoder).</summary>
public sealed class BlobReceiptStore(TableServiceClient tables)
{
    private const string Table = HubStorageNames.Tables.BlobReceipts;

    public async Task<BlobReceipt?> GetAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        var entity = await tables.GetEntityAsync(Table, container, TableKey.Encode(blobName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Read(entity);
    }

    /// <summary>Every receipt of a container, keyed by blob name (for the sweep).</summary>
    public async Task<Dictionary<string, BlobReceipt>> ListAsync(string container, CancellationToken cancellationToken)
    {
        var receipts = new Dictionary<string, BlobReceipt>(StringComparer.Ordinal);
        await foreach (var entity in tables.QueryAsync(Table, TableFilter.Of($"PartitionKey eq {container}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var receipt = Read(entity);
            receipts[receipt.BlobName] = receipt;
        }

        return receipts;
    }

    /// <summary>
    /// Writes the receipt only if nobody changed it since <paramref name="expected"/> was read (or, with no expected
    /// receipt, only if none exists), so two deliveries racing over one blob cannot both claim it.
    /// </summary>
    /// <exception cref="RequestFailedException">409 or 412 when another delivery got there first.</exception>
    public async Task<BlobReceipt> SaveAsync(BlobReceipt receipt, BlobReceipt? expected, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(receipt.Container, TableKey.Encode(receipt.BlobName))
        {
            ["BlobName"] = receipt.BlobName,
            ["ETag"] = receipt.BlobETag,
            ["DropId"] = receipt.DropId,
            ["Status"] = receipt.Status.ToString(),
            ["DuplicateOf"] = receipt.DuplicateOf,
            ["ReceivedAt"] = receipt.ReceivedAt,
        };
        var etag = expected is null
            ? await tables.AddEntityAsync(Table, entity, cancellationToken).ConfigureAwait(false)
            : await tables.UpdateEntityAsync(Table, entity, expected.RowETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return receipt with { RowETag = etag };
    }

    /// <summary>Forgets a blob's receipt, so the next event for it (or the sweep) ingests it again.</summary>
    public Task<bool> DeleteAsync(string container, string blobName, CancellationToken cancellationToken) =>
        tables.DeleteEntityAsync(Table, container, TableKey.Encode(blobName), cancellationToken: cancellationToken);

    private static BlobReceipt Read(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("BlobName") ?? TableKey.Decode(entity.RowKey),
        entity.GetString("ETag") ?? "",
        entity.GetString("DropId") ?? "",
        Enum.Parse<ReceiptStatus>(entity.GetString("Status") ?? nameof(ReceiptStatus.Processing)),
        entity.GetString("DuplicateOf"),
        entity.GetDateTimeOffset("ReceivedAt") ?? default)
    {
        RowETag = entity.ETag,
    };
}
