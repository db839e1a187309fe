namespace BackOnTrack.Core.Schools;

/// <summary>One of a school's keys as stored: never the key itself.</summary>
public sealed record SchoolKeyRecord(string Laestab, string KeyId, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);
