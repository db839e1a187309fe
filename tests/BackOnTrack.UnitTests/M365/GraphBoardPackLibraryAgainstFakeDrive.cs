using BackOnTrack.M365;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOnTrack.UnitTests.M365;

/// <summary>The board pack's upload through the hub's real Graph client, to a fake library speaking Graph's wire format.</summary>
public sealed class GraphBoardPackLibraryAgainstFakeDrive : IAsyncLifetime
{
    private readonly FakeClock _clock = new();
    private FakeSharePointDrive _drive = null!;
    private GraphBoardPackLibrary _library = null!;

    public async Task InitializeAsync()
    {
        _drive = await FakeSharePointDrive.StartAsync(_clock.GetUtcNow);
        var options = new M365Options
        {
            Mode = M365Mode.Graph,
            GraphBaseUrl = _drive.GraphBaseUrl,
            TenantId = "11111111-2222-3333-4444-555555555555",
            BoardPackDriveId = FakeSharePointDrive.DriveId,
            BoardPackFolder = "Strategy board/Packs",
            MaxRetries = 3,
        };
        _library = new GraphBoardPackLibrary(HubClients.Graph(options, new FakeTokenCredential(_clock), _clock), options, NullLogger<GraphBoardPackLibrary>.Instance);
    }

    public async Task DisposeAsync() => await _drive.DisposeAsync();

    [Fact]
    public async Task SmallFilesAreOnePutEachUnderTheMonthsFolderAndAnotherRunReplacesThemLeavingOneFilePerMonth()
    {
        await Publish("2026-11", Files("november"));
        await Publish("2026-12", Files("first"));
        var second = await Publish("2026-12", Files("second"));

        Assert.Equal(
            ["Strategy board/Packs/2026-11/board-pack.html", "Strategy board/Packs/2026-11/board-pack.pdf", "Strategy board/Packs/2026-12/board-pack.html", "Strategy board/Packs/2026-12/board-pack.pdf"],
            _drive.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("second.pdf"u8.ToArray(), _drive.Files["Strategy board/Packs/2026-12/board-pack.pdf"]);
        Assert.Equal("november.pdf"u8.ToArray(), _drive.Files["Strategy board/Packs/2026-11/board-pack.pdf"]);
        Assert.Equal($"{FakeSharePointDrive.LibraryUrl}/Strategy%20board/Packs/2026-12/board-pack.pdf", second.Single(f => f.Name == "board-pack.pdf").Url);
        Assert.All(_drive.Requests, r => Assert.Equal(("content", "PUT", $"Bearer {FakeGraphServer.Token}"), (r.Kind, r.Method, r.Authorization)));
        Assert.Equal(6, _drive.Requests.Count);
    }

    [Fact]
    public async Task AFileOverFourMegabytesGoesInSlicesThroughAnUploadSessionAndAThrottledSliceIsSentAgainAfterItsRetryAfter()
    {
        var large = new byte[(4 * 1024 * 1024) + 1_500_000];
        Random.Shared.NextBytes(large);
        _drive.ThrottleSlice(2, retryAfterSeconds: 9);
        var waits = new List<TimeSpan>();

        var published = await _clock.DriveAsync(_library.PublishAsync("2026-12", [new BoardPackFile("board-pack.pdf", "application/pdf", large)], Copies, default), waits);

        Assert.Equal(large, _drive.Files["Strategy board/Packs/2026-12/board-pack.pdf"]);
        Assert.Equal(large.Length, Assert.Single(published).Bytes);
        Assert.Equal([TimeSpan.FromSeconds(9)], waits);
        var session = Assert.Single(_drive.Requests, r => r.Kind == "createUploadSession");
        Assert.Equal($"Bearer {FakeGraphServer.Token}", session.Authorization);
        var slices = _drive.Requests.Where(r => r.Kind == "slice").ToList();
        // Two slices, the second sent twice: once throttled, once after exactly the Retry-After.
        Assert.Equal(3, slices.Count);
        Assert.Equal(slices[1].ContentRange, slices[2].ContentRange);
        Assert.Equal(TimeSpan.FromSeconds(9), slices[2].At - slices[1].At);
        Assert.Equal($"bytes 0-{GraphBoardPackLibrary.SliceBytes - 1}/{large.Length}", slices[0].ContentRange);
        Assert.All(slices, s => Assert.Null(s.Authorization));
        Assert.DoesNotContain(_drive.Requests, r => r.Kind == "content");
    }

    [Fact]
    public async Task ALargeFileMadeAgainForTheMonthReplacesTheOneThere()
    {
        var first = new byte[(4 * 1024 * 1024) + 10];
        var second = new byte[(4 * 1024 * 1024) + 20];
        second[^1] = 7;

        await _library.PublishAsync("2026-12", [new BoardPackFile("board-pack.pdf", "application/pdf", first)], Copies, default);
        await _library.PublishAsync("2026-12", [new BoardPackFile("board-pack.pdf", "application/pdf", second)], Copies, default);

        Assert.Equal(second, Assert.Single(_drive.Files).Value);
    }

    private static readonly IReadOnlyDictionary<string, string> Copies = new Dictionary<string, string>
    {
        ["board-pack.pdf"] = "reports/board-pack/2026-12/board-pack.pdf",
        ["board-pack.html"] = "reports/board-pack/2026-12/board-pack.html",
    };

    private static BoardPackFile[] Files(string version) =>
    [
        new("board-pack.pdf", "application/pdf", System.Text.Encoding.UTF8.GetBytes(version + ".pdf")),
        new("board-pack.html", "text/html; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(version + ".html")),
    ];

    private Task<IReadOnlyList<PublishedBoardPackFile>> Publish(string month, BoardPackFile[] files) => _library.PublishAsync(month, files, Copies, default);
}
