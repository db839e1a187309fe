using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>The quarantine container in memory: the file kept from an upload and its report, by folder.</summary>
public sealed class InMemoryQuarantine(IUploadedFiles uploads) : IQuarantine
{
    /// <summary>Quarantined files by folder: the upload's own name and bytes, and the report's JSON.</summary>
    public Dictionary<string, (string FileName, byte[] Content, byte[] ReportJson)> Folders { get; } = new(StringComparer.Ordinal);

    public async Task KeepAsync(string container, string name, string folder, ReadOnlyMemory<byte> reportJson, CancellationToken cancellationToken)
    {
        using var download = await uploads.OpenReadAsync(container, name, cancellationToken).ConfigureAwait(false);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        Folders[folder] = (name[(name.LastIndexOf('/') + 1)..], copy.ToArray(), reportJson.ToArray());
    }

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Task.FromResult(0);
}
