using System.Text.Json;
using BackOnTrack.M365.Graph;
using BackOnTrack.M365.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Drives.Item.Items.Item.CreateUploadSession;
using Microsoft.Graph.Models;

namespace BackOnTrack.M365.SharePoint;

/// <summary>One rendered file of the board pack, under its stable name (<c>board-pack.pdf</c>, <c>board-pack.html</c>).</summary>
public sealed record BoardPackFile(string Name, string ContentType, byte[] Content);

/// <summary>Where a published file can be opened: the library item's address, or the hub's own copy in Outbox mode.</summary>
public sealed record PublishedBoardPackFile(string Name, string Url, long Bytes);

/// <summary>Where the board reads its monthly pack.</summary>
public interface IBoardPackLibrary
{
    /// <summary>True when the files go to a SharePoint library; false when only an outbox row records them.</summary>
    bool PublishesToSharePoint { get; }

    /// <summary>
    /// Publishes the month's files, replacing any earlier version of the same month under the same names, and leaving
    /// other months alone: running it twice for a month leaves one current file of each name.
    /// </summary>
    /// <param name="month"><c>yyyy-MM</c>.</param>
    /// <param name="copies">The hub's own copy of each file (container/blob), for the outbox row.</param>
    Task<IReadOnlyList<PublishedBoardPackFile>> PublishAsync(string month, IReadOnlyList<BoardPackFile> files, IReadOnlyDictionary<string, string> copies, CancellationToken cancellationToken);
}

/// <summary>
/// Graph mode: the files go to the board's document library (<see cref="M365Options.BoardPackDriveId"/>) under
/// <c>{BoardPackFolder}/{yyyy-MM}/{name}</c>. Up to 4 MB a file is one PUT of its content (Graph's limit for a simple
/// upload); above, an upload session sent in slices, each slice through the hub's one retry layer, so a throttled slice
/// is sent again after its Retry-After. Both replace an existing item of the same path.
/// </summary>
public sealed partial class GraphBoardPackLibrary(GraphServiceClient graph, M365Options options, ILogger<GraphBoardPackLibrary> logger) : IBoardPackLibrary
{
    /// <summary>Graph's limit for a simple upload; a larger file must go through an upload session.</summary>
    public const int SimpleUploadLimitBytes = 4 * 1024 * 1024;

    /// <summary>Slices must be multiples of 320 KiB; ten of them stay under the 60 MiB a request may carry, with room to spare.</summary>
    public const int SliceBytes = 10 * 320 * 1024;

    public bool PublishesToSharePoint => true;

    public async Task<IReadOnlyList<PublishedBoardPackFile>> PublishAsync(string month, IReadOnlyList<BoardPackFile> files, IReadOnlyDictionary<string, string> copies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var drive = options.BoardPackDriveId ?? throw new InvalidOperationException("M365:BoardPackDriveId is not set.");
        var published = new List<PublishedBoardPackFile>();
        foreach (var file in files)
        {
            var path = $"{options.BoardPackFolder.Trim('/')}/{month}/{file.Name}";
            var item = graph.Drives[drive].Items["root"].ItemWithPath(path);
            DriveItem? uploaded;
            try
            {
                uploaded = await UploadAsync(item, path, file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (GraphFailures.IsHubFailure(ex))
            {
                throw GraphFailures.ToHubFailure(ex, $"Uploading {path} to the board pack library");
            }

            var url = uploaded?.WebUrl ?? throw new M365ServiceException($"Graph returned no webUrl for {path}.");
            published.Add(new PublishedBoardPackFile(file.Name, url, file.Content.Length));
            LogUploaded(logger, month, file.Name, file.Content.Length, file.Content.Length > SimpleUploadLimitBytes);
        }

        return published;
    }

    // The path's own builder type: it hides the base builder's Content and CreateUploadSession, which would address the
    // library's root instead of the path.
    private async Task<DriveItem?> UploadAsync(CustomDriveItemItemRequestBuilder item, string path, BoardPackFile file, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(file.Content, writable: false);
        if (file.Content.Length <= SimpleUploadLimitBytes)
        {
            return await item.Content.PutAsync(content, rc => rc.Headers.Add("Content-Type", file.ContentType), cancellationToken).ConfigureAwait(false);
        }

        var session = await item.CreateUploadSession.PostAsync(
            new CreateUploadSessionPostRequestBody
            {
                Item = new DriveItemUploadableProperties { AdditionalData = new Dictionary<string, object> { ["@microsoft.graph.conflictBehavior"] = "replace" } },
            },
            cancellationToken: cancellationToken).ConfigureAwait(false) ?? throw new M365ServiceException($"Graph returned no upload session for {path}.");

        // The hub's request adapter, so slices go through its one retry layer; the upload URL is not on the Graph host,
        // so no token travels with them (the URL itself is the credential).
        var task = new LargeFileUploadTask<DriveItem>(session, content, SliceBytes, graph.RequestAdapter);
        var result = await task.UploadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.UploadSucceeded ? result.ItemResponse : throw new M365ServiceException($"The upload session for {path} did not complete.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Board pack {Month}: {Name} uploaded to the board's library ({Bytes} bytes, upload session {Session})")]
    private static partial void LogUploaded(ILogger logger, string month, string name, int bytes, bool session);
}

/// <summary>
/// Outbox mode (or no library configured): nothing leaves the hub; one outbox row (channel <c>BoardPack</c>) records the
/// month's files and where the hub's copies are.
/// </summary>
public sealed class OutboxBoardPackLibrary(OutboxStore outbox) : IBoardPackLibrary
{
    public bool PublishesToSharePoint => false;

    public async Task<IReadOnlyList<PublishedBoardPackFile>> PublishAsync(string month, IReadOnlyList<BoardPackFile> files, IReadOnlyDictionary<string, string> copies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(copies);
        var published = files.Select(f => new PublishedBoardPackFile(f.Name, copies[f.Name], f.Content.Length)).ToList();
        var payload = JsonSerializer.Serialize(new
        {
            month,
            files = published.Select(p => new { name = p.Name, blob = p.Url, bytes = p.Bytes }),
        });
        await outbox.AppendAsync(OutboxChannels.BoardPack, OutboxKinds.BoardPack, payload, recipient: null, actionKey: month, cancellationToken).ConfigureAwait(false);
        return published;
    }
}
