using Azure;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using Azure.Data.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>Table BlobReceipts (PartitionKey container, RowKey the blob name through the key encoder).</summary>
public sealed class BlobReceiptStore : IBlobReceipts
{
    private readonly TableClient _table;

    /// <param name="table">The BlobReceipts table's client.</param>
    public BlobReceiptStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's BlobReceipts table (how the hub's container builds it).</summary>
    public BlobReceiptStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.BlobReceipts))
    {
    }

    public async Task<BlobReceipt?> GetAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(container, TableKey.Encode(blobName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } entity ? Read(entity) : null;
    }

    /// <summary>Every receipt of a container, keyed by blob name (for the sweep).</summary>
    public async Task<Dictionary<string, BlobReceipt>> ListAsync(string container, CancellationToken cancellationToken)
    {
        var receipts = new Dictionary<string, BlobReceipt>(StringComparer.Ordinal);
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {container}"), cancellationToken: cancellationToken).ConfigureAwait(false))
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
        entity.WithoutNulls();
        var response = expected is null
            ? await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
            : await _table.UpdateEntityAsync(entity, expected.RowETag is { } version ? new ETag(version) : ETag.All, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return receipt with { RowETag = response.Headers.ETag?.ToString() };
    }

    /// <summary>Forgets a blob's receipt, so the next event for it (or the sweep) ingests it again.</summary>
    public async Task<bool> DeleteAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        // The SDK answers a delete of a missing entity without throwing; its status says whether there was one.
        using var response = await _table.DeleteEntityAsync(container, TableKey.Encode(blobName), ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    private static BlobReceipt Read(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("BlobName") ?? TableKey.Decode(entity.RowKey),
        entity.GetString("ETag") ?? "",
        entity.GetString("DropId") ?? "",
        Enum.Parse<ReceiptStatus>(entity.GetString("Status") ?? nameof(ReceiptStatus.Processing)),
        entity.GetString("DuplicateOf"),
        entity.GetDateTimeOffset("ReceivedAt") ?? default)
    {
        RowETag = entity.ETag.ToString(),
    };
}
