using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOnTrack.UnitTests.M365;

/// <summary>The calls the hub makes to Microsoft 365, and nothing else.</summary>
public enum FakeEndpoint
{
    ListInstalledApps,
    InstallApp,
    SendActivityNotification,
    Webhook,
    Unsupported,
}

/// <summary>One request as the fake received it.</summary>
public sealed record RecordedRequest(
    FakeEndpoint Endpoint,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string Body,
    string? ContentType,
    string? Authorization,
    string? UserAgent,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset At,
    string? UserId)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>
/// A fake Microsoft Graph (v1.0) and Teams Workflows webhook on 127.0.0.1: only the calls the hub makes, in the real
/// wire format (GRAPH.md §1.1, §1.3, §5.5), recording every request and scriptable per user: a user that does not
/// exist (404), one the app may not reach (403), the hub's token refused for everyone (401), a 429 with Retry-After
/// once, a 503 storm. The SDK goes through its real HTTP stack to reach it.
/// </summary>
public sealed class FakeGraphServer : IAsyncDisposable
{
    public const string Token = "fake-graph-token";
    public const string WebhookSignature = "fake-sig-0123456789";
    public const int WebhookLimitBytes = 28 * 1024;

    /// <summary>The activity types the fake Teams app's manifest declares (plus the reserved systemDefault).</summary>
    public static readonly IReadOnlySet<string> DeclaredActivityTypes = new HashSet<string>(StringComparer.Ordinal) { "due", "overdue", "systemDefault" };

    private readonly WebApplication _app;
    private readonly Func<DateTimeOffset> _clock;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _installations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (int Status, string Code, string Message)> _userFaults = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Fault> _faults = [];
    private readonly object _gate = new();
    private int _installationCounter;

    private FakeGraphServer(WebApplication app, Func<DateTimeOffset> clock)
    {
        _app = app;
        _clock = clock;
    }

    /// <summary>The fake catalog's one app (the hub's Teams app).</summary>
    public string CatalogAppId { get; } = "0b4c5a5e-6b0a-4a61-9d8e-3f3f1e0c2a11";

    public Uri Root { get; private set; } = null!;

    /// <summary>What M365:GraphBaseUrl is set to.</summary>
    public string GraphBaseUrl => new Uri(Root, "v1.0").AbsoluteUri;

    /// <summary>What M365:BoardWebhookUrl is set to: the path and query shape of a Workflows trigger, with its sig.</summary>
    public string WebhookUrl => new Uri(Root, $"workflows/abc123/triggers/manual/paths/invoke?api-version=1&sig={WebhookSignature}").AbsoluteUri;

    /// <summary>False to accept requests without the fake token (for tests that use no credential).</summary>
    public bool RequireToken { get; set; } = true;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> RequestsTo(FakeEndpoint endpoint) => Requests.Where(r => r.Endpoint == endpoint).ToList();

    public static async Task<FakeGraphServer> StartAsync(Func<DateTimeOffset>? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeGraphServer(app, clock ?? (() => DateTimeOffset.UtcNow));
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Root = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    // ---- Scripting -------------------------------------------------------------------------------------------------

    /// <summary>The user does not exist: every call about them answers 404, as Graph does.</summary>
    public void UserDoesNotExist(string userId) =>
        _userFaults[userId] = (404, "Request_ResourceNotFound", $"Resource '{userId}' does not exist or one of its queried reference-property objects are not present.");

    /// <summary>The hub may not reach this user (e.g. the app's RSC consent is missing for them): 403.</summary>
    public void UserForbidden(string userId) =>
        _userFaults[userId] = (403, "Forbidden", "Forbidden");

    /// <summary>The hub's token is refused for every Graph call: 401.</summary>
    public void RefuseEveryToken() => AddFault(new Fault(e => e != FakeEndpoint.Webhook, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.", null, int.MaxValue));

    /// <summary>The next call to the endpoint gets 429 with <c>Retry-After: seconds</c>.</summary>
    public void ThrottleOnce(FakeEndpoint endpoint, int retryAfterSeconds) =>
        AddFault(new Fault(e => e == endpoint, 429, "TooManyRequests", "Too many requests. Please retry after some time.", retryAfterSeconds, 1));

    /// <summary>Every call to the endpoint gets 503 (optionally with Retry-After).</summary>
    public void ServiceUnavailableStorm(FakeEndpoint endpoint, int? retryAfterSeconds = null) =>
        AddFault(new Fault(e => e == endpoint, 503, "serviceNotAvailable", "The service is temporarily unavailable.", retryAfterSeconds, int.MaxValue));

    /// <summary>Every call to the endpoint gets the given status.</summary>
    public void AlwaysFail(FakeEndpoint endpoint, int status, string code) =>
        AddFault(new Fault(e => e == endpoint, status, code, $"Scripted {status}.", null, int.MaxValue));

    /// <summary>The service has recovered: every scripted fault ends (users that do not exist still do not).</summary>
    public void Recover()
    {
        lock (_faults)
        {
            _faults.Clear();
        }
    }

    /// <summary>The app is already installed for the user.</summary>
    public void Preinstall(string userId) => Install(userId, CatalogAppId);

    public bool IsInstalled(string userId) => _installations.TryGetValue(userId, out var apps) && apps.ContainsKey(CatalogAppId);

    // ---- Serving ---------------------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var (endpoint, userId) = Classify(request);
        _requests.Enqueue(new RecordedRequest(
            endpoint,
            request.Method,
            request.Path.Value ?? "",
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            body,
            request.ContentType,
            request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null,
            request.Headers.UserAgent.Count > 0 ? request.Headers.UserAgent.ToString() : null,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            _clock(),
            userId));

        if (endpoint == FakeEndpoint.Webhook)
        {
            await WebhookAsync(context, body);
            return;
        }

        if (endpoint == FakeEndpoint.Unsupported)
        {
            await GraphError(context, 400, "BadRequest", $"The fake does not implement {request.Method} {request.Path}.");
            return;
        }

        if (RequireToken && request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            await GraphError(context, 401, "InvalidAuthenticationToken", "Access token is empty.");
            return;
        }

        if (TakeFault(endpoint) is { } fault)
        {
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await GraphError(context, fault.Status, fault.Code, fault.Message);
            return;
        }

        if (userId is not null && _userFaults.TryGetValue(userId, out var userFault))
        {
            await GraphError(context, userFault.Status, userFault.Code, userFault.Message);
            return;
        }

        switch (endpoint)
        {
            case FakeEndpoint.ListInstalledApps:
                await ListInstalledAppsAsync(context, userId!);
                break;
            case FakeEndpoint.InstallApp:
                await InstallAppAsync(context, userId!, body);
                break;
            case FakeEndpoint.SendActivityNotification:
                await SendActivityNotificationAsync(context, userId!, body);
                break;
        }
    }

    private static (FakeEndpoint Endpoint, string? UserId) Classify(HttpRequest request)
    {
        var segments = (request.Path.Value ?? "").Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length >= 1 && segments[0] == "workflows" && request.Method == "POST")
        {
            return (FakeEndpoint.Webhook, null);
        }

        // v1.0 / users / {id} / teamwork / {installedApps | sendActivityNotification}
        if (segments.Length == 5 && segments[0] == "v1.0" && segments[1] == "users" && segments[3] == "teamwork")
        {
            return (segments[4], request.Method) switch
            {
                ("installedApps", "GET") => (FakeEndpoint.ListInstalledApps, segments[2]),
                ("installedApps", "POST") => (FakeEndpoint.InstallApp, segments[2]),
                ("sendActivityNotification", "POST") => (FakeEndpoint.SendActivityNotification, segments[2]),
                _ => (FakeEndpoint.Unsupported, segments[2]),
            };
        }

        return (FakeEndpoint.Unsupported, null);
    }

    private async Task ListInstalledAppsAsync(HttpContext context, string userId)
    {
        var filter = context.Request.Query["$filter"].ToString();
        var expand = context.Request.Query["$expand"].ToString().Split(',').Contains("teamsApp");
        string? onlyApp = null;
        if (filter.Length > 0)
        {
            const string prefix = "teamsApp/id eq '";
            if (!filter.StartsWith(prefix, StringComparison.Ordinal) || !filter.EndsWith('\''))
            {
                await GraphError(context, 400, "BadRequest", $"Invalid filter clause: {filter}");
                return;
            }

            onlyApp = filter[prefix.Length..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        var apps = _installations.TryGetValue(userId, out var installed) ? installed : new ConcurrentDictionary<string, string>();
        var value = new JsonArray();
        foreach (var (appId, installationId) in apps.Where(a => onlyApp is null || a.Key == onlyApp))
        {
            var item = new JsonObject { ["id"] = installationId };
            if (expand)
            {
                item["teamsApp"] = new JsonObject { ["id"] = appId, ["externalId"] = "backontrack-manifest-id", ["displayName"] = "BackOnTrack", ["distributionMethod"] = "organization" };
            }

            value.Add(item);
        }

        await Json(context, 200, new JsonObject
        {
            ["@odata.context"] = $"{GraphBaseUrl}/$metadata#users('{userId}')/teamwork/installedApps",
            ["value"] = value,
        });
    }

    private async Task InstallAppAsync(HttpContext context, string userId, string body)
    {
        var bind = TryParse(body)?["teamsApp@odata.bind"]?.GetValue<string>();
        const string marker = "/appCatalogs/teamsApps/";
        var at = bind?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (bind is null || at < 0 || !context.Request.ContentType!.StartsWith("application/json", StringComparison.Ordinal))
        {
            await GraphError(context, 400, "BadRequest", "teamsApp@odata.bind is required.");
            return;
        }

        var appId = bind[(at + marker.Length)..];
        if (appId != CatalogAppId)
        {
            await GraphError(context, 404, "NotFound", $"The app '{appId}' is not in the organisation's catalog.");
            return;
        }

        if (IsInstalled(userId))
        {
            await GraphError(context, 409, "Conflict", "The app is already installed for this user.");
            return;
        }

        Install(userId, appId);
        context.Response.StatusCode = 201; // Graph answers 201 with no body (GRAPH.md §7).
    }

    private async Task SendActivityNotificationAsync(HttpContext context, string userId, string body)
    {
        var json = TryParse(body);
        var topic = json?["topic"];
        var source = topic?["source"]?.GetValue<string>();
        var problem = json is null ? "The body is not JSON."
            : topic is null ? "topic is required."
            : source is not ("text" or "entityUrl") ? $"topic.source '{source}' is not entityUrl or text."
            : source == "text" && string.IsNullOrEmpty(topic["value"]?.GetValue<string>()) ? "topic.value is required."
            : source == "text" && !Uri.TryCreate(topic["webUrl"]?.GetValue<string>(), UriKind.Absolute, out _) ? "topic.webUrl is required when topic.source is text."
            : json["activityType"]?.GetValue<string>() is not { } type || !DeclaredActivityTypes.Contains(type) ? $"activityType '{json["activityType"]}' is not declared in the app's manifest."
            : json["previewText"]?["content"]?.GetValue<string>() is null ? "previewText.content is required."
            : json["templateParameters"] is JsonArray parameters && parameters.Any(p => p?["name"] is null || p["value"] is null) ? "templateParameters are {name, value} pairs."
            : null;
        if (problem is not null)
        {
            await GraphError(context, 400, "BadRequest", problem);
            return;
        }

        if (!IsInstalled(userId))
        {
            await GraphError(context, 403, "Forbidden", "The app is not installed for the recipient.");
            return;
        }

        context.Response.StatusCode = 204;
    }

    private async Task WebhookAsync(HttpContext context, string body)
    {
        if (context.Request.Query["sig"].ToString() != WebhookSignature)
        {
            await Json(context, 401, new JsonObject { ["error"] = new JsonObject { ["code"] = "DirectApiInvalidAuthorizationSignature", ["message"] = "The provided callback URL signature is not valid." } });
            return;
        }

        if (TakeFault(FakeEndpoint.Webhook) is { } fault)
        {
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await Json(context, fault.Status, new JsonObject { ["error"] = new JsonObject { ["code"] = fault.Code, ["message"] = fault.Message } });
            return;
        }

        if (Encoding.UTF8.GetByteCount(body) >= WebhookLimitBytes)
        {
            await Json(context, 413, new JsonObject { ["error"] = new JsonObject { ["code"] = "MessageTooLarge", ["message"] = "Request entity too large." } });
            return;
        }

        var json = TryParse(body);
        var attachment = json?["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0] : null;
        var valid = json?["type"]?.GetValue<string>() == "message"
                    && attachment?["contentType"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive"
                    && attachment["content"] is JsonObject card
                    && card["type"]?.GetValue<string>() == "AdaptiveCard";
        if (!valid)
        {
            await Json(context, 400, new JsonObject { ["error"] = new JsonObject { ["code"] = "InvalidRequestContent", ["message"] = "Expected a message with an Adaptive Card attachment." } });
            return;
        }

        context.Response.StatusCode = 202;
    }

    // ---- Helpers ---------------------------------------------------------------------------------------------------

    private void Install(string userId, string appId)
    {
        var id = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userId}##{appId}##{Interlocked.Increment(ref _installationCounter)}"));
        _installations.GetOrAdd(userId, _ => new ConcurrentDictionary<string, string>())[appId] = id;
    }

    private void AddFault(Fault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    private Fault? TakeFault(FakeEndpoint endpoint)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => f.Remaining > 0 && f.Applies(endpoint));
            if (fault is not null && fault.Remaining != int.MaxValue)
            {
                fault.Remaining--;
            }

            return fault;
        }
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Graph's error shape: <c>{"error":{"code","message","innerError":{date, request-id, client-request-id}}}</c>.</summary>
    private Task GraphError(HttpContext context, int status, string code, string message) => Json(context, status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject
            {
                ["date"] = _clock().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                ["request-id"] = Guid.NewGuid().ToString(),
                ["client-request-id"] = Guid.NewGuid().ToString(),
            },
        },
    });

    private static async Task Json(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Fault(Func<FakeEndpoint, bool> applies, int status, string code, string message, int? retryAfterSeconds, int remaining)
    {
        public Func<FakeEndpoint, bool> Applies { get; } = applies;
        public int Status { get; } = status;
        public string Code { get; } = code;
        public string Message { get; } = message;
        public int? RetryAfterSeconds { get; } = retryAfterSeconds;
        public int Remaining { get; set; } = remaining;
    }
}
