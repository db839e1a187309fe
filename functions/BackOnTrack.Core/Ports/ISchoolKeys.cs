using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Core.Ports;

/// <summary>
/// Table SchoolKeys: the keys each school's portal and upload requests are made with, kept as hashes of their secrets.
/// A revoked key stays listed, so who had access when can be told afterwards.
/// </summary>
public interface ISchoolKeys
{
    /// <summary>Issues a new key for the school; the returned key is the only time its secret exists outside the school.</summary>
    Task<SchoolKey> IssueAsync(Laestab school, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes one key of the school (or all its keys when <paramref name="keyId"/> is null); returns how many.</summary>
    Task<int> RevokeAsync(Laestab school, string? keyId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every key the school has been issued, revoked ones included.</summary>
    Task<IReadOnlyList<SchoolKeyRecord>> ListAsync(Laestab school, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="presented"/> is a current (unrevoked) key of this school.</summary>
    Task<bool> IsCurrentKeyAsync(Laestab school, string? presented, CancellationToken cancellationToken);
}
