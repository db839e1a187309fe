using BackOnTrack.Core.Operations;
using System.Security.Cryptography;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Storage;
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
public sealed partial class RekeyUseCase(
    IPupilRows pupilRows, IKeyRotations rotations, IOperationsAudit audit, IOptions<HubOptions> options, TimeProvider clock, ILogger<RekeyUseCase> logger)
{
    public const string Operation = "Rekey";

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
        var runs = await rotations.ListAsync(cancellationToken).ConfigureAwait(false);
        if (runs.Any(r => r.Version == version && r.State == KeyRotationState.Complete))
        {
            return new RekeyOutcome(RekeyResult.AlreadyComplete, empty);
        }

        if (runs.Any(r => r.Version != version && r.State == KeyRotationState.Running))
        {
            return new RekeyOutcome(RekeyResult.OtherRotationRunning, empty);
        }

        await rotations.RecordAsync(version, KeyRotationState.Running, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        using var layer = new HMACSHA256(next);
        var rekeyed = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in HubStorageNames.Tables.PupilRows)
        {
            rekeyed[table] = await pupilRows.RekeyAsync(
                table, version, key => Pseudonymiser.Layer(layer, key), rows => progress?.Report(new RekeyProgress(table, rows)), cancellationToken).ConfigureAwait(false);
            LogTableRekeyed(logger, table, rekeyed[table]);
        }

        await rotations.RecordAsync(version, KeyRotationState.Complete, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(
            new OperationsAuditEntry(Operation, clock.GetUtcNow(), by, $"to key {version}", rekeyed),
            cancellationToken).ConfigureAwait(false);
        return new RekeyOutcome(RekeyResult.Completed, rekeyed);
    }

    /// <summary>A key's public name: not the key, and not enough to find it (SHA-256 of 32 random bytes).</summary>
    public static string Fingerprint(byte[] key) =>
        Convert.ToHexStringLower(SHA256.HashData([.. "BackOnTrack pupil key version "u8, .. key]))[..16];

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-keyed {Rows} rows of table {Table}")]
    private static partial void LogTableRekeyed(ILogger logger, string table, long rows);
}
