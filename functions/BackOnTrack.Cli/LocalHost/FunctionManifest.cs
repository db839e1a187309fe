using System.Globalization;
using System.Text.Json;

namespace BackOnTrack.Cli.LocalHost;

/// <summary>What a function.json declares, reduced to what a host needs to trigger it.</summary>
public sealed record FunctionDefinition(string Name, string TriggerType, string BindingName, string? QueueName, string? Schedule, string? Route, IReadOnlyList<string> Methods)
{
    public bool IsQueue => TriggerType == "queueTrigger";
    public bool IsTimer => TriggerType == "timerTrigger";
    public bool IsHttp => TriggerType == "httpTrigger";
}

/// <summary>host.json's queue settings, with the Functions host's defaults where host.json is silent.</summary>
public sealed record QueueHostSettings(int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize, string MessageEncoding)
{
    public static QueueHostSettings Defaults { get; } = new(5, TimeSpan.Zero, 16, "base64");
}

/// <summary>The functions of an app folder (<c>{Name}/function.json</c> beside <c>host.json</c>), read the way the host reads them.</summary>
public sealed record FunctionManifest(IReadOnlyList<FunctionDefinition> Functions, QueueHostSettings Queues)
{
    public static FunctionManifest Load(string appRoot)
    {
        var hostJson = Path.Combine(appRoot, "host.json");
        if (!File.Exists(hostJson))
        {
            throw new FileNotFoundException($"No host.json in {appRoot}: not a Functions app folder.", hostJson);
        }

        var functions = Directory.EnumerateDirectories(appRoot)
            .Where(folder => File.Exists(Path.Combine(folder, "function.json")))
            .Select(folder => ReadFunction(Path.GetFileName(folder), Path.Combine(folder, "function.json")))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        return new FunctionManifest(functions, ReadQueueSettings(hostJson));
    }

    internal static FunctionDefinition ReadFunction(string name, string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var trigger = document.RootElement.GetProperty("bindings").EnumerateArray()
            .SingleOrDefault(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        if (trigger.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path} has no trigger binding.");
        }

        return new FunctionDefinition(
            name,
            trigger.GetProperty("type").GetString()!,
            trigger.GetProperty("name").GetString()!,
            Optional(trigger, "queueName"),
            Optional(trigger, "schedule"),
            Optional(trigger, "route"),
            trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!).ToList() : []);
    }

    private static QueueHostSettings ReadQueueSettings(string hostJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(hostJson), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var defaults = QueueHostSettings.Defaults;
        if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
        {
            return defaults;
        }

        return new QueueHostSettings(
            queues.TryGetProperty("maxDequeueCount", out var max) ? max.GetInt32() : defaults.MaxDequeueCount,
            Optional(queues, "visibilityTimeout") is { } visibility ? TimeSpan.Parse(visibility, CultureInfo.InvariantCulture) : defaults.VisibilityTimeout,
            queues.TryGetProperty("batchSize", out var batch) ? batch.GetInt32() : defaults.BatchSize,
            Optional(queues, "messageEncoding") ?? defaults.MessageEncoding);
    }

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
