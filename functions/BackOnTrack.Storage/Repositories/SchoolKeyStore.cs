using Azure.Data.Tables;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Table <c>SchoolKeys</c>: PartitionKey the school's LAESTAB, RowKey the key's id; SecretHash (SHA-256 of the secret,
/// hex), IssuedAt, RevokedAt. A revoked key stays listed, so who had access when can be told afterwards.
/// </summary>
public sealed class SchoolKeyStore : ISchoolKeys
{
    private readonly TableClient _table;

    /// <param name="table">The SchoolKeys table's client.</param>
    public SchoolKeyStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's SchoolKeys table (how the hub's container builds it).</summary>
    public SchoolKeyStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.SchoolKeys))
    {
    }

    /// <summary>Issues a new key for the school; the returned key is the only time its secret exists outside the school.</summary>
    public async Task<SchoolKey> IssueAsync(Laestab school, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        var key = SchoolKey.Issue();
        await _table.AddEntityAsync(new TableEntity(school.Value, key.KeyId)
        {
            ["SecretHash"] = key.SecretHash,
            ["IssuedAt"] = now,
        }, cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>Revokes one key of the school (or all its keys when <paramref name="keyId"/> is null); returns how many.</summary>
    public async Task<int> RevokeAsync(Laestab school, string? keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        var revoked = 0;
        foreach (var key in await ListAsync(school, cancellationToken).ConfigureAwait(false))
        {
            if (key.RevokedAt is null && (keyId is null || key.KeyId == keyId))
            {
                await _table.UpsertEntityAsync(new TableEntity(school.Value, key.KeyId) { ["RevokedAt"] = now }, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                revoked++;
            }
        }

        return revoked;
    }

    public async Task<IReadOnlyList<SchoolKeyRecord>> ListAsync(Laestab school, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        var keys = new List<SchoolKeyRecord>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {school.Value}"), select: ["RowKey", "IssuedAt", "RevokedAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new SchoolKeyRecord(school.Value, row.RowKey, row.GetDateTimeOffset("IssuedAt") ?? default, row.GetDateTimeOffset("RevokedAt")));
        }

        return keys;
    }

    /// <summary>True when <paramref name="presented"/> is a current (unrevoked) key of this school.</summary>
    public async Task<bool> IsCurrentKeyAsync(Laestab school, string? presented, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        if (!SchoolKey.TryParse(presented, out var key))
        {
            return false;
        }

        var found = await _table.GetEntityIfExistsAsync<TableEntity>(school.Value, key.KeyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value is { } row && row.GetDateTimeOffset("RevokedAt") is null && key.Matches(row.GetString("SecretHash"));
    }
}
