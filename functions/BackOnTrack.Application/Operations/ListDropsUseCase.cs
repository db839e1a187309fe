using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Application.Operations;

/// <summary>A school's (or the LA's) drops, oldest first.</summary>
public sealed class ListDropsUseCase(IDropRegistry drops)
{
    public async Task<IReadOnlyList<DataDrop>> ListAsync(string scope, CancellationToken cancellationToken) =>
        [.. (await drops.ListAsync(scope, cancellationToken).ConfigureAwait(false)).OrderBy(d => d.ReceivedAt).ThenBy(d => d.DropId, StringComparer.Ordinal)];
}
