using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.UnitTests.M365;

/// <summary>One request to the fake drive, as it arrived.</summary>
public sealed record DriveRequest(string Kind, string Method, string Path, string? Authorization, string? ContentRange, int Bytes, DateTimeOffset At);

/// <summary>
/// A SharePoint document library behind Graph (v1.0) on 127.0.0.1, in the real wire format: a simple upload
/// (<c>PUT /drives/{id}/items/root:/{path}:/content</c>, 201 for a new item, 200 when it replaces one, refused above
/// 4 MB as Graph refuses it), an upload session (<c>POST …:/createUploadSession</c>, then slices <c>PUT</c> to the
/// session's pre-authenticated URL with <c>Content-Range</c>, 202 with <c>nextExpectedRanges</c> until the last, which
/// answers the item). The upload URL is on another host name (<c>localhost</c>), as SharePoint's is not Graph's, and a
/// slice sent with an Authorization header is refused (401) as SharePoint does. Scriptable: a 429 with Retry-After on
/// one slice.
/// </summary>
public sealed partial class FakeSharePointDrive : IAsyncDisposable
{
    public const string DriveId = "b!fakeDrive0123456789";
    public const string LibraryUrl = "https://council.sharepoint.com/sites/board/Shared%20Documents";

    private readonly WebApplication _app;
    private readonly Func<DateTimeOffset> _clock;
    private readonly ConcurrentQueue<DriveRequest> _requests = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private int _throttleSlice = -1;
    private int _throttleSeconds;
    private int _slicesSeen;

    private FakeSharePointDrive(WebApplication app, Func<DateTimeOffset> clock)
    {
        _app = app;
        _clock = clock;
    }

    public Uri Root { get; private set; } = null!;

    public string GraphBaseUrl => new Uri(Root, "v1.0").AbsoluteUri;

    public IReadOnlyList<DriveRequest> Requests => [.. _requests];

    /// <summary>The library's files by path, as they stand.</summary>
    public IReadOnlyDictionary<string, byte[]> Files => new Dictionary<string, byte[]>(_files, StringComparer.OrdinalIgnoreCase);

    public static async Task<FakeSharePointDrive> StartAsync(Func<DateTimeOffset> clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSharePointDrive(app, clock);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Root = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The <paramref name="slice"/>th slice sent to any upload session (from 1) gets 429 with Retry-After once.</summary>
    public void ThrottleSlice(int slice, int retryAfterSeconds)
    {
        _throttleSlice = slice;
        _throttleSeconds = retryAfterSeconds;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        var path = Uri.UnescapeDataString(request.Path.Value ?? "");
        var authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;
        var range = request.Headers.ContentRange.Count > 0 ? request.Headers.ContentRange.ToString() : null;

        if (UploadPath().Match(path) is { Success: true } upload && request.Method == "PUT")
        {
            _requests.Enqueue(new DriveRequest("slice", request.Method, path, authorization, range, bytes.Length, _clock()));
            await SliceAsync(context, upload.Groups["session"].Value, authorization, range, bytes);
            return;
        }

        var item = ItemPath().Match(path);
        var kind = item.Success ? item.Groups["op"].Value : "unsupported";
        _requests.Enqueue(new DriveRequest(kind, request.Method, path, authorization, range, bytes.Length, _clock()));
        if (!item.Success || item.Groups["drive"].Value != DriveId)
        {
            await GraphError(context, 404, "itemNotFound", $"The fake has no {request.Method} {path}.");
            return;
        }

        if (authorization != $"Bearer {FakeGraphServer.Token}")
        {
            await GraphError(context, 401, "InvalidAuthenticationToken", "Access token is empty.");
            return;
        }

        var filePath = item.Groups["path"].Value;
        switch (kind, request.Method)
        {
            case ("content", "PUT"):
                if (bytes.Length > 4 * 1024 * 1024)
                {
                    await GraphError(context, 413, "requestEntityTooLarge", "Maximum request length exceeded: use an upload session.");
                    return;
                }

                var replaced = _files.ContainsKey(filePath);
                _files[filePath] = bytes;
                await Json(context, replaced ? 200 : 201, DriveItem(filePath, bytes.Length));
                return;
            case ("createUploadSession", "POST"):
                var conflict = JsonNode.Parse(bytes.Length == 0 ? "{}" : System.Text.Encoding.UTF8.GetString(bytes))?["item"]?["@microsoft.graph.conflictBehavior"]?.GetValue<string>();
                if (_files.ContainsKey(filePath) && conflict != "replace")
                {
                    await GraphError(context, 409, "nameAlreadyExists", "The specified item name already exists.");
                    return;
                }

                var id = Guid.NewGuid().ToString("N");
                _sessions[id] = new Session(filePath, new MemoryStream());
                var uploadUrl = new UriBuilder(Root) { Host = "localhost", Path = $"upload/sessions/{id}", Query = "tempauth=fake-pre-authenticated" }.Uri.AbsoluteUri;
                await Json(context, 200, new JsonObject
                {
                    ["@odata.context"] = $"{GraphBaseUrl}/$metadata#microsoft.graph.uploadSession",
                    ["uploadUrl"] = uploadUrl,
                    ["expirationDateTime"] = Expiry(),
                    ["nextExpectedRanges"] = new JsonArray("0-"),
                });
                return;
            default:
                await GraphError(context, 405, "notSupported", $"{request.Method} is not supported on {kind}.");
                return;
        }
    }

    private async Task SliceAsync(HttpContext context, string sessionId, string? authorization, string? range, byte[] bytes)
    {
        if (authorization is not null)
        {
            // SharePoint refuses an upload URL call that carries a bearer token: the URL is the credential.
            await GraphError(context, 401, "unauthenticated", "The upload URL is pre-authenticated; do not send an Authorization header.");
            return;
        }

        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            await GraphError(context, 404, "itemNotFound", "The upload session was not found.");
            return;
        }

        if (Interlocked.Increment(ref _slicesSeen) == _throttleSlice)
        {
            context.Response.Headers.RetryAfter = _throttleSeconds.ToString(CultureInfo.InvariantCulture);
            await GraphError(context, 429, "tooManyRequests", "The request has been throttled.");
            return;
        }

        var match = range is null ? null : ContentRange().Match(range);
        if (match is not { Success: true })
        {
            await GraphError(context, 400, "invalidRequest", "Content-Range is required.");
            return;
        }

        long from = long.Parse(match.Groups["from"].Value, CultureInfo.InvariantCulture), to = long.Parse(match.Groups["to"].Value, CultureInfo.InvariantCulture);
        var total = long.Parse(match.Groups["total"].Value, CultureInfo.InvariantCulture);
        if (from != session.Received.Length || to - from + 1 != bytes.Length)
        {
            await GraphError(context, 416, "invalidRange", $"The uploaded fragment overlaps or does not follow: expected {session.Received.Length}-.");
            return;
        }

        session.Received.Write(bytes);
        if (session.Received.Length < total)
        {
            await Json(context, 202, new JsonObject { ["expirationDateTime"] = Expiry(), ["nextExpectedRanges"] = new JsonArray($"{session.Received.Length}-") });
            return;
        }

        _sessions.TryRemove(sessionId, out _);
        var replaced = _files.ContainsKey(session.Path);
        _files[session.Path] = session.Received.ToArray();
        await Json(context, replaced ? 200 : 201, DriveItem(session.Path, session.Received.Length));
    }

    private JsonObject DriveItem(string path, long size)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var folder = path.Contains('/', StringComparison.Ordinal) ? path[..path.LastIndexOf('/')] : "";
        return new JsonObject
        {
            ["@odata.context"] = $"{GraphBaseUrl}/$metadata#drives('{DriveId}')/items/$entity",
            ["id"] = "01" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)))[..30],
            ["name"] = name,
            ["size"] = size,
            ["webUrl"] = $"{LibraryUrl}/{Uri.EscapeDataString(folder).Replace("%2F", "/", StringComparison.Ordinal)}/{Uri.EscapeDataString(name)}",
            ["file"] = new JsonObject { ["mimeType"] = name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "text/html" },
            ["parentReference"] = new JsonObject { ["driveId"] = DriveId, ["driveType"] = "documentLibrary", ["path"] = $"/drives/{DriveId}/root:/{folder}" },
        };
    }

    private string Expiry() => _clock().AddHours(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private Task GraphError(HttpContext context, int status, string code, string message) => Json(context, status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject { ["date"] = _clock().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), ["request-id"] = Guid.NewGuid().ToString() },
        },
    });

    private static async Task Json(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex("^/v1\\.0/drives/(?<drive>[^/]+)/items/root:/(?<path>.+):/(?<op>content|createUploadSession)$")]
    private static partial Regex ItemPath();

    [GeneratedRegex("^/upload/sessions/(?<session>[0-9a-f]{32})$")]
    private static partial Regex UploadPath();

    [GeneratedRegex("^bytes (?<from>\\d+)-(?<to>\\d+)/(?<total>\\d+)$")]
    private static partial Regex ContentRange();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Session(string Path, MemoryStream Received);
}
