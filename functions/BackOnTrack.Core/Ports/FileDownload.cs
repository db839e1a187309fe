namespace BackOnTrack.Core.Ports;

/// <summary>A stored file being read: the bytes of one version, and that version's ETag (so a reader knows which version it read).</summary>
public sealed class FileDownload(Stream content, string etag) : IDisposable
{
    public Stream Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    public string ETag { get; } = etag ?? throw new ArgumentNullException(nameof(etag));

    public void Dispose() => Content.Dispose();
}
