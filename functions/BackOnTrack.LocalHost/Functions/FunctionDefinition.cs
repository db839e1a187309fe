using System.Text.Json;
using BackOnTrack.LocalHost.Rpc;

namespace BackOnTrack.LocalHost.Functions;

/// <summary>One function of the worker app as the host sees it: its id, its trigger, and its queue outputs.</summary>
public sealed class FunctionDefinition
{
    private FunctionDefinition(string name, string functionId, RpcFunctionMetadata metadata, FunctionTrigger trigger, IReadOnlyList<QueueOutput> queueOutputs)
    {
        Name = name;
        FunctionId = functionId;
        Metadata = metadata;
        Trigger = trigger;
        QueueOutputs = queueOutputs;
    }

    public string Name { get; }

    public string FunctionId { get; }

    public FunctionTrigger Trigger { get; }

    /// <summary>Output bindings the host writes to a queue after a successful invocation.</summary>
    public IReadOnlyList<QueueOutput> QueueOutputs { get; }

    internal RpcFunctionMetadata Metadata { get; }

    /// <summary>
    /// Reads a function from its metadata: the bindings as the worker's build wrote them (JSON, one per binding), with
    /// <c>%Name%</c> in queue names and schedules resolved from the app's settings as the host resolves them.
    /// </summary>
    internal static FunctionDefinition Parse(RpcFunctionMetadata metadata, IReadOnlyDictionary<string, string> settings)
    {
        FunctionTrigger? trigger = null;
        var outputs = new List<QueueOutput>();
        foreach (var raw in metadata.RawBindings)
        {
            using var document = JsonDocument.Parse(raw);
            var binding = document.RootElement;
            var type = Text(binding, "type") ?? "";
            var name = Text(binding, "name") ?? "";
            var direction = Text(binding, "direction") ?? "in";
            switch (type.ToUpperInvariant())
            {
                case "QUEUETRIGGER":
                    trigger = new QueueTrigger(name, Resolve(Required(binding, "queueName", metadata.Name), settings).ToLowerInvariant());
                    break;
                case "TIMERTRIGGER":
                    trigger = new TimerTrigger(name, Resolve(Required(binding, "schedule", metadata.Name), settings),
                        binding.TryGetProperty("runOnStartup", out var startup) && startup.ValueKind == JsonValueKind.True);
                    break;
                case "HTTPTRIGGER":
                    var methods = binding.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
                        ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToArray()
                        : [];
                    trigger = new HttpTrigger(name, Text(binding, "route") ?? metadata.Name, methods, Text(binding, "authLevel") ?? "function");
                    break;
                case "QUEUE" when direction.Equals("out", StringComparison.OrdinalIgnoreCase):
                    outputs.Add(new QueueOutput(name, Resolve(Required(binding, "queueName", metadata.Name), settings).ToLowerInvariant()));
                    break;
            }
        }

        if (trigger is null)
        {
            throw new InvalidOperationException($"Function {metadata.Name} has no queue, timer or HTTP trigger this local host can run.");
        }

        return new FunctionDefinition(metadata.Name, metadata.FunctionId, metadata, trigger, outputs);
    }

    private static string? Text(JsonElement binding, string name)
    {
        foreach (var property in binding.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }

    private static string Required(JsonElement binding, string name, string function) =>
        Text(binding, name) ?? throw new InvalidOperationException($"Function {function}'s binding has no {name}.");

    private static string Resolve(string value, IReadOnlyDictionary<string, string> settings)
    {
        if (value.Length > 2 && value[0] == '%' && value[^1] == '%')
        {
            var key = value[1..^1];
            return settings.TryGetValue(key, out var resolved) || (Environment.GetEnvironmentVariable(key) is { } env && (resolved = env) is not null)
                ? resolved
                : throw new InvalidOperationException($"The app setting {key} a binding refers to is not set.");
        }

        return value;
    }
}

/// <summary>What starts a function.</summary>
public abstract record FunctionTrigger(string BindingName);

public sealed record QueueTrigger(string BindingName, string QueueName) : FunctionTrigger(BindingName);

public sealed record TimerTrigger(string BindingName, string Schedule, bool RunOnStartup) : FunctionTrigger(BindingName);

public sealed record HttpTrigger(string BindingName, string Route, IReadOnlyList<string> Methods, string AuthLevel) : FunctionTrigger(BindingName);

/// <summary>An output binding (a parameter or the return value, <c>$return</c>) the host sends to a queue.</summary>
public sealed record QueueOutput(string BindingName, string QueueName);
