using System.Text.Json.Serialization;

namespace BackOnTrack.Functions.Invocations;

/// <summary>
/// The handler's answer to the host (the host's documented response shape). <c>Logs</c> entries appear under the invocation in
/// Application Insights; outputs are unused because the hub writes to storage itself, idempotently.
/// </summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    public static InvocationResponse WithLogs(params string[] logs) => new(new Dictionary<string, object?>(), logs, null);
}
