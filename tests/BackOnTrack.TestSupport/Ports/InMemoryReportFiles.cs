using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>The reports container in memory: each name holds its latest content and content type.</summary>
public sealed class InMemoryReportFiles : IReportFiles
{
    public Dictionary<string, (byte[] Content, string ContentType)> Files { get; } = new(StringComparer.Ordinal);

    public Task WriteAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        Files[name] = (content.ToArray(), contentType);
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(Files.TryGetValue(name, out var file) ? new MemoryStream(file.Content, writable: false) : null);
}
