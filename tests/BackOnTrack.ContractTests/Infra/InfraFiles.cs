using System.Text.RegularExpressions;
using BackOnTrack.ContractTests.Support;

namespace BackOnTrack.ContractTests.Infra;

/// <summary>The Bicep files under infra/, and the few expressions the contract tests evaluate from them.</summary>
public static partial class InfraFiles
{
    public static string Folder => Path.Combine(Repository.Root, "infra");

    public static IReadOnlyList<BicepFile> AllBicep() =>
        Directory.EnumerateFiles(Folder, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(BicepFile.Read).ToList();

    public static BicepFile Main => BicepFile.Read(Path.Combine(Folder, "main.bicep"));
    public static BicepFile Parameters => BicepFile.Read(Path.Combine(Folder, "main.bicepparam"));
    public static BicepFile Module(string name) => BicepFile.Read(Path.Combine(Folder, "modules", name));

    /// <summary>The function app's settings: the properties of <c>var appSettings</c> in functionapp.bicep, with the raw
    /// text of each value.</summary>
    public static IReadOnlyDictionary<string, string> AppSettings()
    {
        var app = Module("functionapp.bicep");
        var (_, start, end) = app.Variable("appSettings");
        return app.ObjectProperties(app.BlockAfter(start)).Where(p => p.At < end).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>The resources of a type (API version ignored), with their body block.</summary>
    public static IEnumerable<(BicepFile File, string Symbol, (int Start, int End) Body)> ResourcesOfType(IEnumerable<BicepFile> files, string type) =>
        files.SelectMany(file => file.Resources()
            .Where(r => r.Type.StartsWith(type + "@", StringComparison.OrdinalIgnoreCase))
            .Select(r => (file, r.Symbol, file.BlockAfter(r.At))));

    /// <summary>The names a resource declaration creates: its <c>[for x in …]</c> collection, or its <c>name</c>.</summary>
    public static IReadOnlyList<string> NamesCreated(BicepFile file, string symbol)
    {
        var declaration = file.Resources().Single(r => r.Symbol == symbol);
        var body = file.BlockAfter(declaration.At);
        var loop = ForLoop().Match(file.Text[declaration.At..body.Start]);
        return loop.Success
            ? Evaluate(file, loop.Groups[1].Value)
            : Evaluate(file, file.ObjectProperties(body).Single(p => p.Key == "name").Value);
    }

    /// <summary>Evaluates the string-list expressions the storage module uses: literals, variables, arrays of literals,
    /// <c>concat(a, b)</c> and <c>map(list, x => '${x}…')</c>. Anything else fails the test, so the module stays this simple.</summary>
    public static IReadOnlyList<string> Evaluate(BicepFile file, string expression)
    {
        expression = expression.Trim();
        if (StringLiteral().Match(expression) is { Success: true } literal)
        {
            return [literal.Groups[1].Value];
        }

        if (Identifier().IsMatch(expression))
        {
            return Evaluate(file, file.Variable(expression).Expression);
        }

        if (expression.StartsWith('[') && expression.EndsWith(']'))
        {
            return ArrayItem().Matches(expression).Select(m => m.Groups[1].Value).ToList();
        }

        if (MapCall().Match(expression) is { Success: true } map)
        {
            return Evaluate(file, map.Groups[1].Value).Select(item => map.Groups[3].Value.Replace("${" + map.Groups[2].Value + "}", item, StringComparison.Ordinal)).ToList();
        }

        if (ConcatCall().Match(expression) is { Success: true } concat)
        {
            return concat.Groups[1].Value.Split(',').SelectMany(part => Evaluate(file, part)).ToList();
        }

        throw new NotSupportedException($"{file.Name}: cannot evaluate '{expression}'.");
    }

    [GeneratedRegex(@"for\s+\w+\s+in\s+(.+?):\s*\{?\s*$", RegexOptions.Singleline)]
    private static partial Regex ForLoop();

    [GeneratedRegex(@"^'([^']*)'$")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*'([^'$]*)'\s*$", RegexOptions.Multiline)]
    private static partial Regex ArrayItem();

    [GeneratedRegex(@"^map\(\s*(\w+)\s*,\s*(\w+)\s*=>\s*'([^']*)'\s*\)$")]
    private static partial Regex MapCall();

    [GeneratedRegex(@"^concat\(([\w\s,]+)\)$")]
    private static partial Regex ConcatCall();
}
