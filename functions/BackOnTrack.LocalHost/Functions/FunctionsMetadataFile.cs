using System.Text.Json;
using BackOnTrack.LocalHost.Rpc;

namespace BackOnTrack.LocalHost.Functions;

/// <summary>
/// The <c>functions.metadata</c> file the Worker SDK's build writes beside the app: what the host reads when the worker
/// asks for default metadata indexing instead of describing its functions itself.
/// </summary>
internal static class FunctionsMetadataFile
{
    public static IReadOnlyList<RpcFunctionMetadata> Read(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "functions.metadata");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The worker asked for default metadata indexing but {path} does not exist.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var functions = new List<RpcFunctionMetadata>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var metadata = new RpcFunctionMetadata
            {
                Name = function.GetProperty("name").GetString()!,
                Directory = appDirectory,
                ScriptFile = function.TryGetProperty("scriptFile", out var script) ? script.GetString() ?? "" : "",
                EntryPoint = function.TryGetProperty("entryPoint", out var entry) ? entry.GetString() ?? "" : "",
                Language = function.TryGetProperty("language", out var language) ? language.GetString() ?? "" : "dotnet-isolated",
                // The host names a function loaded this way itself; any stable id does.
                FunctionId = Guid.NewGuid().ToString(),
            };
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                metadata.RawBindings.Add(binding.GetRawText());
                var direction = binding.TryGetProperty("direction", out var d) ? d.GetString() : "In";
                metadata.Bindings[binding.GetProperty("name").GetString()!] = new BindingInfo
                {
                    Type = binding.GetProperty("type").GetString()!,
                    Direction = direction?.ToUpperInvariant() switch
                    {
                        "OUT" => BindingInfo.Types.Direction.Out,
                        "INOUT" => BindingInfo.Types.Direction.Inout,
                        _ => BindingInfo.Types.Direction.In,
                    },
                };
            }

            functions.Add(metadata);
        }

        return functions;
    }
}
