using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.UnitTests.M365;

/// <summary>One call the fake answered: the HTTP request, or one step inside a <c>$batch</c>.</summary>
public sealed record SharePointCall(string Method, string Path, int Status, bool InBatch);

/// <summary>
/// A fake Microsoft Graph on 127.0.0.1 that keeps SharePoint lists in memory and implements only the calls the hub
/// makes, in Graph's wire format (GRAPH.md §3–4): list columns; items listed (paged, <c>$expand=fields($select=…)</c>),
/// read, created (unique key column: 409), and their fields patched (If-Match: 412); <c>$batch</c> of at most 20
/// steps answered in any order, a step scriptably 429 with Retry-After inside a 200; list-item delta with next and
/// delta links, a stale link answering 410. People's edits are made with <see cref="PersonEdits"/>.
/// </summary>
public sealed class FakeSharePointServer : IAsyncDisposable
{
    public const string SiteId = "council.sharepoint.com,2b7e3c1a-0000-4000-8000-000000000001,7d1f0e2b-0000-4000-8000-000000000002";
    private const int PageSize = 25;

    private readonly WebApplication _app;
    private readonly Func<DateTimeOffset> _clock;
    private readonly ConcurrentQueue<SharePointCall> _calls = new();
    private readonly Dictionary<string, FakeList> _lists = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private long _changeSequence;
    private long _oldestValidToken;
    private int _failSteps;
    private int _failStepStatus;
    private int? _failStepRetryAfter;
    private bool _applyFailedStep;

    private FakeSharePointServer(WebApplication app, Func<DateTimeOffset> clock)
    {
        _app = app;
        _clock = clock;
    }

    public Uri Root { get; private set; } = null!;

    public string GraphBaseUrl => new Uri(Root, "v1.0").AbsoluteUri;

    public IReadOnlyList<SharePointCall> Calls => [.. _calls];

    /// <summary>True: a request without the token <see cref="FakeEntraId"/> hands out answers 401, as Graph does.</summary>
    public bool RequireToken { get; set; }

    /// <summary>Requests that reached the server (not the steps inside batches).</summary>
    public int BatchRequests => Calls.Count(c => c is { Path: "/$batch", InBatch: false });

    /// <summary>Writes (create or patch) that reached the lists, in or out of batches, whatever their answer.</summary>
    public IReadOnlyList<SharePointCall> Writes => [.. Calls.Where(c => c.Method is "POST" or "PATCH" && c.Path != "/$batch")];

    public static async Task<FakeSharePointServer> StartAsync(Func<DateTimeOffset> clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSharePointServer(app, clock);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Root = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    // ---- Scripting -------------------------------------------------------------------------------------------------

    /// <summary>A list as provisioning would leave it: columns with internal and display names, the key column unique.</summary>
    public string AddList(string displayName, string keyColumn, IEnumerable<(string Name, string DisplayName, IReadOnlyList<string>? Choices)> columns)
    {
        lock (_gate)
        {
            var id = Guid.NewGuid().ToString();
            _lists[id] = new FakeList(displayName, keyColumn, [("Title", "Title", null), .. columns.Where(c => c.Name != "Title")]);
            return id;
        }
    }

    /// <summary>The next <paramref name="steps"/> write steps inside batches answer 429 with Retry-After.</summary>
    /// <param name="applyAnyway">True: the throttled write is applied all the same (GRAPH.md §4.1 reports this happens).</param>
    public void ThrottleBatchSteps(int steps, int retryAfterSeconds, bool applyAnyway = false) =>
        FailBatchSteps(steps, 429, retryAfterSeconds, applyAnyway);

    /// <summary>
    /// The next <paramref name="steps"/> write steps inside batches answer <paramref name="status"/> (Retry-After when
    /// given) while the batch itself answers 200.
    /// </summary>
    public void FailBatchSteps(int steps, int status, int? retryAfterSeconds = null, bool applyAnyway = false)
    {
        lock (_gate)
        {
            _failSteps = steps;
            _failStepStatus = status;
            _failStepRetryAfter = retryAfterSeconds;
            _applyFailedStep = applyAnyway;
        }
    }

    /// <summary>Every delta link handed out so far expires: using one answers 410.</summary>
    public void ExpireDeltaLinks()
    {
        lock (_gate)
        {
            _oldestValidToken = _changeSequence + 1;
        }
    }

    /// <summary>A person edits an item's fields in SharePoint (by internal name): new version, new eTag, a change for delta.</summary>
    public void PersonEdits(string listId, string key, IReadOnlyDictionary<string, string?> fields, string email)
    {
        lock (_gate)
        {
            var item = _lists[listId].Items.Values.Single(i => i.Fields[_lists[listId].KeyColumn]?.GetValue<string>() == key);
            foreach (var (name, value) in fields)
            {
                item.Fields[name] = value;
            }

            Touch(item, email);
        }
    }

    public IReadOnlyList<JsonObject> Items(string listId)
    {
        lock (_gate)
        {
            return [.. _lists[listId].Items.Values.Select(i => (JsonObject)i.Fields.DeepClone())];
        }
    }

    public JsonObject Item(string listId, string key) => Items(listId).Single(i => i[_lists[listId].KeyColumn]?.GetValue<string>() == key);

    // ---- Serving ---------------------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? "";
        path = path.StartsWith("/v1.0", StringComparison.Ordinal) ? path["/v1.0".Length..] : path;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Answer answer;
        if (RequireToken && headers.GetValueOrDefault("Authorization") != $"Bearer {FakeGraphServer.Token}")
        {
            answer = Error(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        else if (path == "/$batch" && context.Request.Method == "POST")
        {
            answer = Batch(body);
        }
        else
        {
            lock (_gate)
            {
                answer = Dispatch(context.Request.Method, path, context.Request.QueryString.Value ?? "", headers, body);
            }
        }

        _calls.Enqueue(new SharePointCall(context.Request.Method, path, answer.Status, false));
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.Body.ToJsonString());
        }
    }

    /// <summary>Every column definition the hub posted, with a new list or on its own, as Graph received it.</summary>
    public ConcurrentQueue<JsonObject> CreatedColumns { get; } = new();

    /// <summary>A list as a person would see it: its display name and its columns' internal and display names.</summary>
    public (string DisplayName, IReadOnlyList<(string Name, string DisplayName)> Columns) List(string listId)
    {
        lock (_gate)
        {
            var list = _lists[listId];
            return (list.DisplayName, [.. list.Columns.Select(c => (c.Name, c.DisplayName))]);
        }
    }

    /// <summary>Called once a <c>$batch</c> has been applied, before it is answered (a fault test's moment to cut storage).</summary>
    public Action? AfterBatchApplied { get; set; }

    /// <summary>POST /sites/{site}/lists: a generic list with its own Title column and the columns posted; keyed on the unique one.</summary>
    private Answer CreateList(string body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        var columns = (request["columns"]?.AsArray() ?? []).Select(c => c!.AsObject()).ToList();
        foreach (var column in columns)
        {
            CreatedColumns.Enqueue(column);
        }

        var key = columns.FirstOrDefault(c => c["enforceUniqueValues"]?.GetValue<bool>() == true)?["name"]?.GetValue<string>() ?? "Title";
        var id = AddList(
            request["displayName"]!.GetValue<string>(),
            key,
            columns.Select(c => (c["name"]!.GetValue<string>(), c["displayName"]!.GetValue<string>(), (IReadOnlyList<string>?)null)));
        return new Answer(201, new JsonObject { ["id"] = id, ["displayName"] = request["displayName"]!.GetValue<string>() });
    }

    private Answer Batch(string body)
    {
        var requests = JsonNode.Parse(body)?["requests"]?.AsArray() ?? [];
        if (requests.Count > 20)
        {
            return Error(400, "BadRequest", "The batch has more than 20 requests.");
        }

        var responses = new JsonArray();
        // Answered in reverse order: Graph promises none, so the hub must match answers by id.
        foreach (var step in requests.Reverse())
        {
            var id = step!["id"]!.GetValue<string>();
            var method = step["method"]!.GetValue<string>();
            var url = step["url"]!.GetValue<string>();
            var query = url.Contains('?', StringComparison.Ordinal) ? url[url.IndexOf('?', StringComparison.Ordinal)..] : "";
            var stepPath = url.Split('?')[0];
            stepPath = "/" + stepPath.TrimStart('/');
            var stepHeaders = (step["headers"] as JsonObject)?.ToDictionary(h => h.Key, h => h.Value!.ToString(), StringComparer.OrdinalIgnoreCase)
                              ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            Answer answer;
            lock (_gate)
            {
                var fail = method is "POST" or "PATCH" && _failSteps > 0;
                if (fail)
                {
                    _failSteps--;
                    if (_applyFailedStep)
                    {
                        Dispatch(method, stepPath, query, stepHeaders, step["body"]?.ToJsonString() ?? "");
                    }

                    answer = StepFailure(_failStepStatus);
                    if (_failStepRetryAfter is { } seconds)
                    {
                        answer = answer with { Headers = new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) } };
                    }
                }
                else
                {
                    answer = Dispatch(method, stepPath, query, stepHeaders, step["body"]?.ToJsonString() ?? "");
                }
            }

            _calls.Enqueue(new SharePointCall(method, stepPath, answer.Status, true));
            var headers = new JsonObject { ["Content-Type"] = "application/json" };
            foreach (var (name, value) in answer.Headers)
            {
                headers[name] = value;
            }

            responses.Add(new JsonObject { ["id"] = id, ["status"] = answer.Status, ["headers"] = headers, ["body"] = answer.Body });
        }

        AfterBatchApplied?.Invoke();
        return new Answer(200, new JsonObject { ["responses"] = responses });
    }

    private static Answer StepFailure(int status) => status switch
    {
        429 => Error(429, "TooManyRequests", "Too many requests."),
        503 => Error(503, "serviceNotAvailable", "The service is temporarily unavailable."),
        401 => Error(401, "InvalidAuthenticationToken", "Access token validation failure."),
        _ => Error(status, "generalException", "The step failed."),
    };

    private Answer Dispatch(string method, string path, string query, IReadOnlyDictionary<string, string> headers, string body)
    {
        var parts = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (parts is ["sites", var site, "lists"] && site == SiteId)
        {
            return method switch
            {
                "GET" => new Answer(200, new JsonObject
                {
                    ["value"] = new JsonArray([.. _lists.Select(l => (JsonNode)new JsonObject { ["id"] = l.Key, ["displayName"] = l.Value.DisplayName })]),
                }),
                "POST" => CreateList(body),
                _ => Error(400, "BadRequest", $"The fake does not implement {method} {path}."),
            };
        }

        if (parts is ["sites", var columnsSite, "lists", var columnsList, "columns"] && columnsSite == SiteId && method == "POST" && _lists.TryGetValue(columnsList, out var extended))
        {
            var column = JsonNode.Parse(body)!.AsObject();
            CreatedColumns.Enqueue(column);
            extended.Columns.Add((column["name"]!.GetValue<string>(), column["displayName"]!.GetValue<string>(), null));
            return new Answer(201, column);
        }

        // sites/{site}/lists/{list}/…
        if (parts.Length < 4 || parts[0] != "sites" || parts[1] != SiteId || parts[2] != "lists")
        {
            return Error(400, "BadRequest", $"The fake does not implement {method} {path}.");
        }

        if (!_lists.TryGetValue(parts[3], out var list))
        {
            return Error(404, "itemNotFound", "The list does not exist.");
        }

        var rest = parts[4..];
        var q = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        return (method, rest) switch
        {
            ("GET", ["columns"]) => new Answer(200, new JsonObject
            {
                ["value"] = new JsonArray([.. list.Columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["displayName"] = c.DisplayName })]),
            }),
            ("GET", ["items"]) => ListItems(list, parts[3], q),
            ("GET", ["items", var delta]) when delta.StartsWith("delta", StringComparison.Ordinal) => Delta(list, parts[3], q),
            ("GET", ["items", var id]) => list.Items.TryGetValue(id, out var item) ? new Answer(200, ItemJson(item, Selected(q))) : Error(404, "itemNotFound", "Item not found"),
            ("POST", ["items"]) => Create(list, body),
            ("PATCH", ["items", var id, "fields"]) => Patch(list, id, headers, body),
            _ => Error(400, "BadRequest", $"The fake does not implement {method} {path}."),
        };
    }

    private Answer ListItems(FakeList list, string listId, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> q)
    {
        var skip = q.TryGetValue("$skiptoken", out var token) ? int.Parse(token!, CultureInfo.InvariantCulture) : 0;
        var all = list.Items.Values.OrderBy(i => int.Parse(i.Id, CultureInfo.InvariantCulture)).ToList();
        var page = all.Skip(skip).Take(PageSize).ToList();
        var answer = new JsonObject { ["value"] = new JsonArray([.. page.Select(i => (JsonNode)ItemJson(i, Selected(q)))]) };
        if (skip + PageSize < all.Count)
        {
            answer["@odata.nextLink"] = $"{GraphBaseUrl}/sites/{SiteId}/lists/{listId}/items?$expand={Uri.EscapeDataString(q["$expand"].ToString())}&$skiptoken={skip + PageSize}";
        }

        return new Answer(200, answer);
    }

    private Answer Create(FakeList list, string body)
    {
        var fields = JsonNode.Parse(body)?["fields"] as JsonObject;
        if (fields is null)
        {
            return Error(400, "invalidRequest", "fields is required.");
        }

        if (Invalid(list, fields) is { } problem)
        {
            return problem;
        }

        var key = fields[list.KeyColumn]?.GetValue<string>();
        if (list.Items.Values.Any(i => i.Fields[list.KeyColumn]?.GetValue<string>() == key))
        {
            return Error(409, "nameAlreadyExists", $"The value '{key}' of the unique column {list.KeyColumn} is already used.");
        }

        var item = new FakeItem((++list.LastId).ToString(CultureInfo.InvariantCulture), Guid.NewGuid(), _clock());
        foreach (var (name, value) in fields)
        {
            item.Fields[name] = value?.DeepClone();
        }

        Touch(item, "hub@app");
        list.Items[item.Id] = item;
        return new Answer(201, ItemJson(item, null));
    }

    private Answer Patch(FakeList list, string id, IReadOnlyDictionary<string, string> headers, string body)
    {
        if (!list.Items.TryGetValue(id, out var item))
        {
            return Error(404, "itemNotFound", "Item not found");
        }

        if (headers.TryGetValue("If-Match", out var match) && match != "*" && match != item.ETag)
        {
            return Error(412, "resourceModified", "The resource has changed since the caller last read it.");
        }

        var fields = JsonNode.Parse(body) as JsonObject ?? [];
        if (Invalid(list, fields) is { } problem)
        {
            return problem;
        }

        foreach (var (name, value) in fields)
        {
            item.Fields[name] = value?.DeepClone();
        }

        Touch(item, "hub@app");
        var answer = (JsonObject)item.Fields.DeepClone();
        answer["@odata.etag"] = item.ETag;
        answer["id"] = item.Id;
        return new Answer(200, answer);
    }

    private Answer Delta(FakeList list, string listId, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> q)
    {
        var since = q.TryGetValue("token", out var token) ? long.Parse(token!, CultureInfo.InvariantCulture) : 0;
        if (since != 0 && since < _oldestValidToken)
        {
            return Error(410, "resyncRequired", "The delta token has expired; start a fresh enumeration.") with
            {
                Headers = new Dictionary<string, string> { ["Location"] = $"{GraphBaseUrl}/sites/{SiteId}/lists/{listId}/items/delta()" },
            };
        }

        var skip = q.TryGetValue("skip", out var s) ? int.Parse(s!, CultureInfo.InvariantCulture) : 0;
        var upTo = q.TryGetValue("upto", out var u) ? long.Parse(u!, CultureInfo.InvariantCulture) : _changeSequence;
        var changed = list.Items.Values.Where(i => i.Change > since && i.Change <= upTo).OrderBy(i => i.Change).ToList();
        var page = changed.Skip(skip).Take(PageSize).ToList();
        var select = Selected(q) ?? list.SelectOfLastDelta;
        list.SelectOfLastDelta = select;
        var answer = new JsonObject { ["value"] = new JsonArray([.. page.Select(i => (JsonNode)ItemJson(i, select))]) };
        var baseLink = $"{GraphBaseUrl}/sites/{SiteId}/lists/{listId}/items/delta()";
        answer[skip + PageSize < changed.Count ? "@odata.nextLink" : "@odata.deltaLink"] = skip + PageSize < changed.Count
            ? $"{baseLink}?token={since}&skip={skip + PageSize}&upto={upTo}"
            : $"{baseLink}?token={upTo}";
        return new Answer(200, answer);
    }

    private static Answer? Invalid(FakeList list, JsonObject fields)
    {
        foreach (var (name, value) in fields)
        {
            var column = list.Columns.FirstOrDefault(c => c.Name == name);
            if (column.Name is null)
            {
                return Error(400, "invalidRequest", $"Field '{name}' is not recognized");
            }

            if (column.Choices is { } choices && value is not null && !choices.Contains(value.GetValue<string>()))
            {
                return Error(400, "invalidRequest", $"'{value}' is not a choice of {name}.");
            }
        }

        return null;
    }

    private void Touch(FakeItem item, string email)
    {
        item.Version++;
        item.Change = ++_changeSequence;
        item.ModifiedAt = _clock();
        item.ModifiedBy = email;
    }

    private static string[]? Selected(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> q)
    {
        var expand = q.TryGetValue("$expand", out var e) ? e.ToString() : "";
        const string prefix = "fields($select=";
        return expand.StartsWith(prefix, StringComparison.Ordinal) ? expand[prefix.Length..^1].Split(',') : null;
    }

    private static JsonObject ItemJson(FakeItem item, IReadOnlyList<string>? select)
    {
        var fields = new JsonObject { ["@odata.etag"] = item.ETag, ["id"] = item.Id };
        foreach (var (name, value) in item.Fields.Where(f => select is null || select.Contains(f.Key)))
        {
            fields[name] = value?.DeepClone();
        }

        return new JsonObject
        {
            ["id"] = item.Id,
            ["eTag"] = item.ETag,
            ["lastModifiedDateTime"] = item.ModifiedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["lastModifiedBy"] = new JsonObject { ["user"] = new JsonObject { ["email"] = item.ModifiedBy, ["displayName"] = item.ModifiedBy } },
            ["fields"] = fields,
        };
    }

    private static Answer Error(int status, string code, string message) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Answer(int Status, JsonObject? Body)
    {
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    }

    private sealed class FakeList(string displayName, string keyColumn, IReadOnlyList<(string Name, string DisplayName, IReadOnlyList<string>? Choices)> columns)
    {
        public string DisplayName { get; } = displayName;
        public string KeyColumn { get; } = keyColumn;
        public List<(string Name, string DisplayName, IReadOnlyList<string>? Choices)> Columns { get; } = [.. columns];
        public Dictionary<string, FakeItem> Items { get; } = new(StringComparer.Ordinal);
        public IReadOnlyList<string>? SelectOfLastDelta { get; set; }
        public int LastId { get; set; }
    }

    private sealed class FakeItem(string id, Guid guid, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;
        public JsonObject Fields { get; } = [];
        public int Version { get; set; }
        public long Change { get; set; }
        public DateTimeOffset ModifiedAt { get; set; } = createdAt;
        public string ModifiedBy { get; set; } = "";
        public string ETag => $"\"{guid},{Version}\"";
    }
}

/// <summary>A credential for fakes on 127.0.0.1 (which get no token: only the configured host does, and only over https).</summary>
public sealed class StaticTokenCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("fake-token", DateTimeOffset.MaxValue);

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
