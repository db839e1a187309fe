using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Azure;

namespace BackOnTrack.Storage.Pipeline;

/// <summary>Turns a failed storage response into a <see cref="RequestFailedException"/> that keeps the status and error code.</summary>
internal static class StorageErrors
{
    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        throw await CreateAsync(response, operation, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<RequestFailedException> CreateAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (code, message) = ParseBody(body);
        code ??= response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.FirstOrDefault() : null;
        message ??= response.ReasonPhrase ?? response.StatusCode.ToString();
        var requestId = response.Headers.TryGetValues("x-ms-request-id", out var ids) ? ids.FirstOrDefault() : null;

        var text = response.StatusCode == HttpStatusCode.Forbidden && code is "AuthenticationFailed" or "AuthorizationFailure"
            ? $"{operation} was refused: storage could not authenticate the request ({status} {code}). " +
              "Check the account key or the identity's role assignments. Service said: " + FirstLine(message)
            : $"{operation} failed: {status} {code ?? "(no error code)"}: {FirstLine(message)}";
        if (requestId is not null)
        {
            text += $" (request id {requestId})";
        }

        return new RequestFailedException(status, text, code, null);
    }

    /// <summary>Reads the service's error code and message from an XML (Blob, Queue) or JSON (Table) error body.</summary>
    internal static (string? Code, string? Message) ParseBody(string body)
    {
        var trimmed = body.TrimStart();
        try
        {
            if (trimmed.StartsWith('<'))
            {
                var error = XDocument.Parse(trimmed).Root;
                return (error?.Element("Code")?.Value, error?.Element("Message")?.Value);
            }

            if (trimmed.StartsWith('{'))
            {
                using var json = JsonDocument.Parse(trimmed);
                if (json.RootElement.TryGetProperty("odata.error", out var odata))
                {
                    var code = odata.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var message = odata.TryGetProperty("message", out var m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                        : null;
                    return (code, message);
                }
            }
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or JsonException)
        {
            // An unparseable error body still leaves the status and the x-ms-error-code header.
        }

        return (null, null);
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }
}
