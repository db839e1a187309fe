using System.Text.Json;
using BackOnTrack.Core.Ports;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.Storage;

namespace BackOnTrack.Application.BoardPack;

/// <summary>Where the board can open the latest pack: the month it describes and each file's address.</summary>
public sealed record LatestBoardPack(string Month, DateOnly AsOf, bool InSharePoint, IReadOnlyList<PublishedBoardPackFile> Files)
{
    /// <summary>The PDF's address (the board papers), else the first file's.</summary>
    public string PrimaryUrl => (Files.FirstOrDefault(f => f.Name.EndsWith(".pdf", StringComparison.Ordinal)) ?? Files[0]).Url;
}

/// <summary>
/// The hub's own copy of every month's pack in container <c>reports</c>: <c>board-pack/{yyyy-MM}/board-pack.pdf</c> and
/// <c>…/board-pack.html</c>, replaced when a month is produced again, and <c>board-pack/latest.json</c>, which names
/// the newest month published and where the board opens it (the digest links to it).
/// </summary>
public sealed class BoardPackArchive(IReportFiles reports)
{
    public const string Folder = "board-pack";
    public const string LatestBlob = Folder + "/latest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The blob name of a month's file.</summary>
    public static string BlobName(string month, string fileName) => $"{Folder}/{month}/{fileName}";

    /// <summary>Writes the month's files (replacing any earlier copy); returns each file's <c>reports/…</c> path.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveAsync(string month, IReadOnlyList<BoardPackFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = BlobName(month, file.Name);
            await reports.WriteAsync(name, file.Content, file.ContentType, cancellationToken).ConfigureAwait(false);
            paths[file.Name] = $"{HubStorageNames.Containers.Reports}/{name}";
        }

        return paths;
    }

    /// <summary>Records <paramref name="latest"/> as the newest pack unless a later month is already recorded (a past month made again stays in its place).</summary>
    public async Task RecordLatestAsync(LatestBoardPack latest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(latest);
        if (await ReadLatestAsync(cancellationToken).ConfigureAwait(false) is { } recorded && string.CompareOrdinal(recorded.Month, latest.Month) > 0)
        {
            return;
        }

        await reports.WriteAsync(LatestBlob, JsonSerializer.SerializeToUtf8Bytes(latest, Json), "application/json", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest pack published, or null before the first.</summary>
    public async Task<LatestBoardPack?> ReadLatestAsync(CancellationToken cancellationToken)
    {
        if (await reports.OpenReadAsync(LatestBlob, cancellationToken).ConfigureAwait(false) is not { } content)
        {
            return null;
        }

        await using (content.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<LatestBoardPack>(content, Json, cancellationToken).ConfigureAwait(false);
        }
    }
}
