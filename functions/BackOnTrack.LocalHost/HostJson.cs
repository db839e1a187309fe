using System.Globalization;
using System.Text.Json;

namespace BackOnTrack.LocalHost;

/// <summary>
/// The queue settings of an app's host.json (<c>extensions.queues</c>), with the Functions host's defaults for what it
/// leaves out, and the HTTP route prefix (<c>extensions.http.routePrefix</c>, default <c>api</c>).
/// </summary>
public sealed record HostJson(QueueSettings Queues, string RoutePrefix)
{
    public static HostJson Default { get; } = new(new QueueSettings(), "api");

    public static HostJson Load(string path)
    {
        if (!File.Exists(path))
        {
            return Default;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var queues = new QueueSettings();
        var prefix = "api";
        if (document.RootElement.TryGetProperty("extensions", out var extensions))
        {
            if (extensions.TryGetProperty("queues", out var q))
            {
                queues = new QueueSettings
                {
                    BatchSize = Int(q, "batchSize") ?? queues.BatchSize,
                    NewBatchThreshold = Int(q, "newBatchThreshold") ?? queues.NewBatchThreshold,
                    MaxDequeueCount = Int(q, "maxDequeueCount") ?? queues.MaxDequeueCount,
                    VisibilityTimeout = Time(q, "visibilityTimeout") ?? queues.VisibilityTimeout,
                    MaxPollingInterval = Time(q, "maxPollingInterval") ?? queues.MaxPollingInterval,
                };
            }

            if (extensions.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var routePrefix) && routePrefix.ValueKind == JsonValueKind.String)
            {
                prefix = routePrefix.GetString()!.Trim('/');
            }
        }

        if (queues.BatchSize is < 1 or > 32)
        {
            throw new InvalidOperationException($"host.json extensions.queues.batchSize must be 1 to 32, not {queues.BatchSize}.");
        }

        if (queues.MaxDequeueCount < 1)
        {
            throw new InvalidOperationException($"host.json extensions.queues.maxDequeueCount must be at least 1, not {queues.MaxDequeueCount}.");
        }

        return new HostJson(queues, prefix);
    }

    private static int? Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static TimeSpan? Time(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture) : null;
}

/// <summary>How the Functions host polls a trigger queue (its defaults when host.json is silent).</summary>
public sealed record QueueSettings
{
    /// <summary>Messages fetched and run in parallel per poll.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>A new batch is fetched once the messages still running fall to this many.</summary>
    public int NewBatchThreshold { get; init; } = 8;

    /// <summary>Deliveries after which a failing message moves to <c>{queue}-poison</c>.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a failed message stays hidden before it is delivered again.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>The longest wait between polls of an empty queue (the wait doubles from 100 ms up to this).</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
}
