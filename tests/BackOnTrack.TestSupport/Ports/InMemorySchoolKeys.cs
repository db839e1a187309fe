using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Tests.Ports;

/// <summary>Table SchoolKeys in memory: each key's hash of its secret, when it was issued and when revoked.</summary>
public sealed class InMemorySchoolKeys : ISchoolKeys
{
    private readonly List<(SchoolKeyRecord Record, string SecretHash)> _keys = [];

    public Task<SchoolKey> IssueAsync(Laestab school, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        var key = SchoolKey.Issue();
        _keys.Add((new SchoolKeyRecord(school.Value, key.KeyId, now, null), key.SecretHash));
        return Task.FromResult(key);
    }

    public Task<int> RevokeAsync(Laestab school, string? keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        var revoked = 0;
        for (var i = 0; i < _keys.Count; i++)
        {
            var (record, hash) = _keys[i];
            if (record.Laestab == school.Value && record.RevokedAt is null && (keyId is null || record.KeyId == keyId))
            {
                _keys[i] = (record with { RevokedAt = now }, hash);
                revoked++;
            }
        }

        return Task.FromResult(revoked);
    }

    public Task<IReadOnlyList<SchoolKeyRecord>> ListAsync(Laestab school, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SchoolKeyRecord>>([.. _keys.Where(k => k.Record.Laestab == school.Value).Select(k => k.Record)]);

    public Task<bool> IsCurrentKeyAsync(Laestab school, string? presented, CancellationToken cancellationToken) =>
        Task.FromResult(SchoolKey.TryParse(presented, out var key)
            && _keys.Any(k => k.Record.Laestab == school.Value && k.Record.KeyId == key.KeyId && k.Record.RevokedAt is null && key.Matches(k.SecretHash)));
}
