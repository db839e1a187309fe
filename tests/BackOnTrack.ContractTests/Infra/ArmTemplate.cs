using System.Text.Json.Nodes;

namespace BackOnTrack.ContractTests.Infra;

/// <summary>
/// One compiled ARM template (main.bicep's, or a module's nested inside it as a <c>Microsoft.Resources/deployments</c>
/// resource), with its resources and the few expressions the contract tests evaluate from it.
/// </summary>
public sealed class ArmTemplate
{
    private static readonly Lazy<ArmTemplate> Compiled = new(() => new ArmTemplate("main", Build("main.bicep")));

    private ArmTemplate(string name, JsonObject template)
    {
        Name = name;
        Json = template;
    }

    /// <summary>infra/main.bicep as <c>bicep build</c> compiles it (once per test run).</summary>
    public static ArmTemplate Main => Compiled.Value;

    public string Name { get; }

    public JsonObject Json { get; }

    public JsonObject Variables => Json["variables"]?.AsObject() ?? [];

    public JsonObject Parameters => Json["parameters"]?.AsObject() ?? [];

    /// <summary>This template's own resources (not those of modules it deploys).</summary>
    public IEnumerable<JsonObject> Resources => (Json["resources"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>The modules this template deploys, each as the template nested in its deployment.</summary>
    public IEnumerable<ArmTemplate> Modules =>
        Resources.Where(r => Type(r) == "Microsoft.Resources/deployments")
            .Select(r => new ArmTemplate((string)r["name"]!, r["properties"]!["template"]!.AsObject()));

    /// <summary>This template and every module below it.</summary>
    public IEnumerable<ArmTemplate> AllTemplates => Modules.SelectMany(m => m.AllTemplates).Prepend(this);

    public ArmTemplate Module(string name) => AllTemplates.Single(t => t.Name == name);

    public static string Type(JsonObject resource) => (string)resource["type"]!;

    public IEnumerable<JsonObject> ResourcesOfType(string type) => Resources.Where(r => string.Equals(Type(r), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every resource of a type in this template and its modules, with the template it is in.</summary>
    public IEnumerable<(ArmTemplate Template, JsonObject Resource)> AllResourcesOfType(string type) =>
        AllTemplates.SelectMany(t => t.ResourcesOfType(type).Select(r => (t, r)));

    /// <summary>How many instances a resource declares: its <c>copy.count</c>, or 1.</summary>
    public int InstanceCount(JsonObject resource) =>
        resource["copy"] is JsonObject copy ? Convert.ToInt32(Evaluate(copy["count"]!), System.Globalization.CultureInfo.InvariantCulture) : 1;

    /// <summary>A property of a resource, evaluated for each of its instances.</summary>
    public IReadOnlyList<object?> EvaluateForEachInstance(JsonObject resource, Func<JsonObject, JsonNode?> property) =>
        [.. Enumerable.Range(0, InstanceCount(resource)).Select(i => Evaluate(property(resource), i))];

    /// <summary>
    /// Evaluates a template value: JSON as it is, strings in brackets as ARM expressions. Parameters are not known
    /// before deployment, so <c>parameters('x')</c> evaluates to the text <c>{x}</c>.
    /// </summary>
    public object? Evaluate(JsonNode? value, int copyIndex = 0) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => ArmExpression.IsExpression(text) ? new ArmExpression(this, copyIndex).Evaluate(text) : text,
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag,
        JsonValue v when v.TryGetValue<long>(out var number) => number,
        JsonValue v => v.ToJsonString(),
        JsonArray a => a.Select(item => Evaluate(item, copyIndex)).ToList(),
        JsonObject o => o.ToDictionary(p => p.Key, p => Evaluate(p.Value, copyIndex)),
        _ => throw new NotSupportedException(value.ToJsonString()),
    };

    /// <summary>A list of strings the template computes (a variable, a resource's names…).</summary>
    public IReadOnlyList<string> Strings(object? evaluated) => evaluated switch
    {
        string s => [s],
        IEnumerable<object?> items => [.. items.Select(i => (string)i!)],
        _ => throw new InvalidOperationException($"{Name}: not a string or list of strings: {evaluated}"),
    };

    /// <summary>Every string value in the template, as written (expressions unevaluated).</summary>
    public IEnumerable<string> AllStrings() => StringsIn(Json);

    /// <summary>The function app's settings: <c>var appSettings</c> in functionapp.bicep, each value as compiled.</summary>
    public static IReadOnlyDictionary<string, string> AppSettings() =>
        Main.Module("functionapp").Variables["appSettings"]!.AsObject().ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : p.Value!.ToJsonString(), StringComparer.Ordinal);

    /// <summary>main.bicepparam's values, as <c>bicep build-params</c> compiles them.</summary>
    public static JsonObject ParameterValues()
    {
        var result = BicepCli.Run("build-params", "main.bicepparam", "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("bicep build-params main.bicepparam failed:\n" + result.Errors);
        }

        var parametersJson = (string)JsonNode.Parse(result.Output)!["parametersJson"]!;
        return JsonNode.Parse(parametersJson)!["parameters"]!.AsObject();
    }

    private static IEnumerable<string> StringsIn(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        JsonArray a => a.SelectMany(StringsIn),
        JsonObject o => o.SelectMany(p => StringsIn(p.Value)),
        _ => [],
    };

    private static JsonObject Build(string file)
    {
        var result = BicepCli.Run("build", file, "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {file} failed:\n{result.Errors}");
        }

        return JsonNode.Parse(result.Output)!.AsObject();
    }
}
