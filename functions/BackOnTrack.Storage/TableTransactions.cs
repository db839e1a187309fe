using Azure.Data.Tables;

namespace BackOnTrack.Storage;

/// <summary>
/// Entity-group transactions through the SDK, checked before sending against the service's rules: at most 100
/// operations (Azurite answers a 101-operation batch with a malformed response the SDK cannot parse, rather than
/// Azure's clean 400), one partition key, each entity named once. Azurite accepts some transactions Azure refuses
/// (mixed partition keys), so a green run on Azurite must not be the only check.
/// </summary>
public static class TableTransactions
{
    /// <summary>The most operations one transaction may hold.</summary>
    public const int MaxOperations = 100;

    /// <summary>Sends <paramref name="actions"/> as one transaction after checking them; nothing is sent when a rule is broken.</summary>
    /// <exception cref="ArgumentException">The transaction breaks a rule (too many operations, two partitions, a repeated row).</exception>
    /// <exception cref="TableTransactionFailedException">The service refused it; nothing in it was applied.</exception>
    public static async Task SubmitCheckedAsync(this TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        Validate(actions);
        await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Throws when the transaction breaks one of the service's rules.</summary>
    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction holds at least one operation.", nameof(actions));
        }

        if (actions.Count > MaxOperations)
        {
            throw new ArgumentException($"A transaction holds at most {MaxOperations} operations; this one has {actions.Count}.", nameof(actions));
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

    /// <summary>
    /// Removes properties set to null, as Table storage holds no nulls: a null set on an entity means "absent" (for a
    /// merge, "left as it is"), never a null sent on the wire.
    /// </summary>
    public static TableEntity WithoutNulls(this TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        List<string>? nulls = null;
        foreach (var (name, value) in entity)
        {
            if (value is null)
            {
                (nulls ??= []).Add(name);
            }
        }

        if (nulls is not null)
        {
            foreach (var name in nulls)
            {
                entity.Remove(name);
            }
        }

        return entity;
    }
}
