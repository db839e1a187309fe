namespace BackOnTrack.Storage.Tables;

/// <summary>
/// The service's rules for an entity-group transaction, checked before sending: Azurite accepts some transactions
/// Azure refuses (mixed partition keys), so a green run on Azurite must not be the only check.
/// </summary>
internal static class TableTransactionRules
{
    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count > TableServiceClient.MaxTransactionOperations)
        {
            throw new ArgumentException(
                $"A transaction holds at most {TableServiceClient.MaxTransactionOperations} operations; this one has {actions.Count}.", nameof(actions));
        }

        var partitionKey = actions[0].Entity.PartitionKey;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity;
            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"A transaction's operations share one partition key: operation {i} has '{entity.PartitionKey}', operation 0 has '{partitionKey}'.",
                    nameof(actions));
            }

            if (!seen.Add(entity.RowKey))
            {
                throw new ArgumentException($"A transaction names each entity once: RowKey '{entity.RowKey}' repeats at operation {i}.", nameof(actions));
            }
        }
    }
}
