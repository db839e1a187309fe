namespace BackOnTrack.Core.Ports;

/// <summary>One version of a stored file: its name in its container, its ETag (in quotes, as HTTP sends it), when it last changed and its size.</summary>
public sealed record StoredFile(string Name, string ETag, DateTimeOffset LastModified, long Length);
