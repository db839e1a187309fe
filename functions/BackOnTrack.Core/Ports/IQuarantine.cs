namespace BackOnTrack.Core.Ports;

/// <summary>
/// Container <c>quarantine</c>: a copy of each refused upload beside its report, kept for the LA to look into, and
/// cleared after its retention.
/// </summary>
public interface IQuarantine
{
    /// <summary>Copies the upload to <c>{folder}/{fileName}</c> and writes <c>{folder}/report.json</c> beside it (either replaced if there already).</summary>
    Task KeepAsync(string container, string name, string folder, ReadOnlyMemory<byte> reportJson, CancellationToken cancellationToken);

    /// <summary>Deletes every file last changed before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
