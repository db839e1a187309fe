using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOnTrack.M365.Http;
using Polly.Timeout;

namespace BackOnTrack.M365.Digest;

public enum DigestOutcome
{
    /// <summary>The webhook accepted the card (2xx).</summary>
    Posted,

    /// <summary>Written to the outbox; nothing was posted.</summary>
    Outboxed,
}

public sealed record DigestPostResult(DigestOutcome Outcome, int BodyBytes)
{
    /// <summary>True only when the webhook accepted the card (never for the outbox).</summary>
    public bool Delivered => Outcome == DigestOutcome.Posted;
}

/// <summary>Posts the board's digest card (DESIGN §5). Implementations: the Workflows webhook, and the outbox.</summary>
public interface IBoardDigestPoster
{
    /// <summary>Wraps the card in the Workflows message envelope and posts it.</summary>
    /// <exception cref="DigestTooLargeException">The body would be 28 KB or more; nothing was sent.</exception>
    /// <exception cref="M365CredentialsRefusedException">The webhook refused the URL's signature (401/403).</exception>
    /// <exception cref="M365ServiceException">The webhook failed otherwise (after retries).</exception>
    Task<DigestPostResult> PostAsync(JsonObject card, CancellationToken cancellationToken);
}

/// <summary>
/// Posts to a Teams Workflows webhook ("When a Teams webhook request is received") through the
/// <see cref="M365HttpClients.Webhook"/> client and its single retry layer. The URL carries its secret (<c>sig=</c>), so
/// it never appears in a log or an error.
/// </summary>
public sealed class WorkflowsWebhookPoster : IBoardDigestPoster
{
    private readonly IHttpClientFactory _httpClients;
    private readonly Uri _webhook;

    public WorkflowsWebhookPoster(IHttpClientFactory httpClients, M365Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.BoardWebhookUrl, UriKind.Absolute, out var webhook) || !M365Options.IsHttpsOrLoopback(webhook))
        {
            throw new ArgumentException("M365:BoardWebhookUrl must be an absolute https URL (http only on 127.0.0.1).", nameof(options));
        }

        _httpClients = httpClients;
        _webhook = webhook;
    }

    public async Task<DigestPostResult> PostAsync(JsonObject card, CancellationToken cancellationToken)
    {
        var body = WorkflowsMessage.SerializeWithinLimit(card);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        HttpResponseMessage response;
        try
        {
            response = await _httpClients.CreateClient(M365HttpClients.Webhook).PostAsync(_webhook, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or TimeoutRejectedException)
        {
            throw new M365ServiceException(0, "NetworkError", $"Posting the board digest: the webhook could not be reached (after retries): {ex.Message}", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return new DigestPostResult(DigestOutcome.Posted, body.Length);
            }

            var status = (int)response.StatusCode;
            var (code, message) = ReadError(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            message ??= response.ReasonPhrase ?? response.StatusCode.ToString();
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new M365CredentialsRefusedException(
                    status, code, $"Posting the board digest: the webhook refused its URL's signature ({status} {code ?? "(no error code)"}): {message}. Regenerate the flow's URL and update M365:BoardWebhookUrl.");
            }

            var retryAfter = response.Headers.RetryAfter is { } ra ? $" (Retry-After {ra})" : "";
            throw new M365ServiceException(status, code, $"Posting the board digest failed: {status} {code ?? "(no error code)"}: {message}{retryAfter}");
        }
    }

    /// <summary>Logic Apps / Power Automate errors: <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
    internal static (string? Code, string? Message) ReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return (
                    error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
                    error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status alone speaks.
        }

        return (null, null);
    }
}
