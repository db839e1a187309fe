using System.Globalization;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>
/// Upload containers in memory. Each write is a new version with a new ETag (a counter, quoted as storage quotes
/// them), so a re-sent file under the same name is a new version and the same bytes under another name are not.
/// </summary>
public sealed class InMemoryUploads : IUploadedFiles
{
    private readonly Dictionary<(string Container, string Name), (byte[] Content, StoredFile File)> _files = [];
    private int _versions;

    /// <summary>Stores (or replaces) a file and returns its new version.</summary>
    public StoredFile Put(string container, string name, byte[] content, DateTimeOffset lastModified)
    {
        ArgumentNullException.ThrowIfNull(content);
        var file = new StoredFile(name, string.Create(CultureInfo.InvariantCulture, $"\"0x{++_versions:X}\""), lastModified, content.Length);
        _files[(container, name)] = (content, file);
        return file;
    }

    public bool Contains(string container, string name) => _files.ContainsKey((container, name));

    public Task<StoredFile?> FindAsync(string container, string name, CancellationToken cancellationToken) =>
        Task.FromResult(_files.TryGetValue((container, name), out var found) ? found.File : null);

    public Task<FileDownload> OpenReadAsync(string container, string name, CancellationToken cancellationToken) =>
        _files.TryGetValue((container, name), out var found)
            ? Task.FromResult(new FileDownload(new MemoryStream(found.Content, writable: false), found.File.ETag))
            : throw new FileNotFoundException($"No {container}/{name}.");

    public async IAsyncEnumerable<StoredFile> ListAsync(string container, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var ((c, _), (_, file)) in _files.ToList())
        {
            if (c == container)
            {
                yield return file;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<bool> DeleteIfExistsAsync(string container, string name, CancellationToken cancellationToken) => Task.FromResult(_files.Remove((container, name)));

    public Uri UriOf(string container, string name) => new($"https://hub.blob.core.windows.net/{container}/{name}");
}
