using System.Security.Cryptography;
using System.Text;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Storage.Tables;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Operations;

/// <summary>How a re-key run ended.</summary>
public enum RekeyResult
{
    Completed,

    /// <summary>This target key's run had already finished: nothing was changed.</summary>
    AlreadyComplete,

    /// <summary><c>Hub__NextPseudonymisationKey</c> is missing, invalid, or a key already in the chain.</summary>
    InvalidNextKey,

    /// <summary>A run towards another key has started and not finished: finish that one first.</summary>
    OtherRotationRunning,
}

/// <summary>What a re-key run did: rows moved to the new key per table (rows already moved by an earlier, interrupted run are not counted).</summary>
public sealed record RekeyOutcome(RekeyResult Result, IReadOnlyDictionary<string, long> RowsRekeyed);

/// <summary>Reported after each transaction a re-key run commits.</summary>
public sealed record RekeyProgress(string Table, long RowsRekeyed);

/// <summary>
/// <c>rekey</c>: moves every stored pupilKey from the current key chain to the chain extended by the next key:
/// new = HMAC(next key, old key's 32 hex characters) (README, "Re-keying pupils"). A row's keys (RowKey and its
/// <c>PupilKey</c> property) change, so each row is deleted and written under its new RowKey in one entity-group
/// transaction with <c>PupilKeyVersion</c> = the target key's fingerprint: a row carrying it is never re-keyed twice,
/// so an interrupted run resumed gives exactly what one run would. The run is recorded in table KeyRotations
/// (Running, then Complete) so a finished rotation is not applied again and two rotations cannot interleave.
/// </summary>
public sealed partial class RekeyUseCase(TableServiceClient tables, OperationsAuditStore audit, IOptions<HubOptions> options, TimeProvider clock, ILogger<RekeyUseCase> logger)
{
    public const string Operation = "Rekey";

    /// <summary>The property marking a row already moved to a target key.</summary>
    public const string VersionProperty = "PupilKeyVersion";

    private const string RotationPartition = "rotation";

    // Each row is one delete and one insert: two operations of the transaction's hundred.
    private const int RowsPerTransaction = TableServiceClient.MaxTransactionOperations / 2;

    public async Task<RekeyOutcome> RekeyAsync(string by, IProgress<RekeyProgress>? progress, CancellationToken cancellationToken)
    {
        var hub = options.Value;
        var empty = new Dictionary<string, long>();
        if (!HubOptions.IsValidKey(hub.NextPseudonymisationKey))
        {
            return new RekeyOutcome(RekeyResult.InvalidNextKey, empty);
        }

        var next = Convert.FromBase64String(hub.NextPseudonymisationKey);
        if (hub.PseudonymisationKeyChain().Any(k => k.AsSpan().SequenceEqual(next)))
        {
            return new RekeyOutcome(RekeyResult.InvalidNextKey, empty);
        }

        var version = Fingerprint(next);
        var rotations = new List<TableEntity>();
        await foreach (var row in tables.QueryAsync(HubStorageNames.Tables.KeyRotations, TableFilter.Of($"PartitionKey eq {RotationPartition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rotations.Add(row);
        }

        if (rotations.Find(r => r.RowKey == version) is { } same && same.GetString("State") == "Complete")
        {
            return new RekeyOutcome(RekeyResult.AlreadyComplete, empty);
        }

        if (rotations.Exists(r => r.RowKey != version && r.GetString("State") == "Running"))
        {
            return new RekeyOutcome(RekeyResult.OtherRotationRunning, empty);
        }

        await tables.UpsertEntityAsync(
            HubStorageNames.Tables.KeyRotations,
            new TableEntity(RotationPartition, version) { ["State"] = "Running", ["StartedAt"] = clock.GetUtcNow() },
            TableUpdateMode.Merge,
            cancellationToken).ConfigureAwait(false);

        using var layer = new HMACSHA256(next);
        var rekeyed = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in HubStorageNames.Tables.PupilRows)
        {
            rekeyed[table] = await RekeyTableAsync(table, layer, version, progress, cancellationToken).ConfigureAwait(false);
            LogTableRekeyed(logger, table, rekeyed[table]);
        }

        await tables.UpsertEntityAsync(
            HubStorageNames.Tables.KeyRotations,
            new TableEntity(RotationPartition, version) { ["State"] = "Complete", ["CompletedAt"] = clock.GetUtcNow() },
            TableUpdateMode.Merge,
            cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(
            new OperationsAuditEntry(Operation, clock.GetUtcNow(), by, $"to key {version}", rekeyed),
            cancellationToken).ConfigureAwait(false);
        return new RekeyOutcome(RekeyResult.Completed, rekeyed);
    }

    /// <summary>A key's public name: not the key, and not enough to find it (SHA-256 of 32 random bytes).</summary>
    public static string Fingerprint(byte[] key) =>
        Convert.ToHexStringLower(SHA256.HashData([.. "BackOnTrack pupil key version "u8, .. key]))[..16];

    private async Task<long> RekeyTableAsync(string table, HMACSHA256 layer, string version, IProgress<RekeyProgress>? progress, CancellationToken cancellationToken)
    {
        long rekeyed = 0;
        var batch = new List<TableTransactionAction>();
        async Task SubmitAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            await tables.SubmitTransactionAsync(table, batch, cancellationToken).ConfigureAwait(false);
            rekeyed += batch.Count / 2;
            batch = [];
            progress?.Report(new RekeyProgress(table, rekeyed));
        }

        await foreach (var row in tables.QueryAsync(table, filter: null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString(VersionProperty) == version)
            {
                continue;
            }

            if (batch.Count > 0 && (batch[0].Entity.PartitionKey != row.PartitionKey || batch.Count == RowsPerTransaction * 2))
            {
                await SubmitAsync().ConfigureAwait(false);
            }

            batch.Add(TableTransactionAction.Delete(row.PartitionKey, row.RowKey, row.ETag));
            batch.Add(TableTransactionAction.UpsertReplace(Rekeyed(table, row, layer, version)));
        }

        await SubmitAsync().ConfigureAwait(false);
        return rekeyed;
    }

    /// <summary>The row under its new key: Cohorts rows are keyed by the pupilKey; others carry it in <c>PupilKey</c> and inside the RowKey.</summary>
    private static TableEntity Rekeyed(string table, TableEntity row, HMACSHA256 layer, string version)
    {
        var oldKey = table == HubStorageNames.Tables.Cohorts ? row.RowKey : row.GetString("PupilKey")!;
        if (!PupilKey.TryParse(oldKey, out var parsed))
        {
            throw new InvalidOperationException($"A row of {table} in partition {row.PartitionKey} has no pupil key where one should be.");
        }

        var newKey = Pseudonymiser.Layer(layer, parsed).Value;
        var entity = new TableEntity(row.PartitionKey, row.RowKey.Replace(oldKey, newKey, StringComparison.Ordinal));
        foreach (var (name, value) in row)
        {
            entity[name] = value;
        }

        if (entity.ContainsKey("PupilKey"))
        {
            entity["PupilKey"] = newKey;
        }

        entity[VersionProperty] = version;
        return entity;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-keyed {Rows} rows of table {Table}")]
    private static partial void LogTableRekeyed(ILogger logger, string table, long rows);
}
