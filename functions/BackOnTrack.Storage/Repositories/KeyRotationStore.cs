using Azure.Data.Tables;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>Table KeyRotations: one row per target key (PartitionKey <c>rotation</c>, RowKey the key's fingerprint), State Running then Complete.</summary>
public sealed class KeyRotationStore : IKeyRotations
{
    private const string Partition = "rotation";
    private readonly TableClient _table;

    /// <param name="table">The KeyRotations table's client.</param>
    public KeyRotationStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's KeyRotations table (how the hub's container builds it).</summary>
    public KeyRotationStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.KeyRotations))
    {
    }

    public async Task<IReadOnlyList<KeyRotation>> ListAsync(CancellationToken cancellationToken)
    {
        var rotations = new List<KeyRotation>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (Enum.TryParse<KeyRotationState>(row.GetString("State"), out var state))
            {
                rotations.Add(new KeyRotation(row.RowKey, state));
            }
        }

        return rotations;
    }

    public async Task RecordAsync(string version, KeyRotationState state, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Merged, so the run's row keeps StartedAt when CompletedAt is added.
        var entity = new TableEntity(Partition, version)
        {
            ["State"] = state.ToString(),
            [state == KeyRotationState.Running ? "StartedAt" : "CompletedAt"] = at,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }
}
