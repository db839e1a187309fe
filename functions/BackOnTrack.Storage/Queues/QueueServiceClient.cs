using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Azure;
using BackOnTrack.Storage.Pipeline;

namespace BackOnTrack.Storage.Queues;

/// <summary>Queue storage over REST. Messages are sent as base64 of their UTF-8 text, the Functions host's default encoding.</summary>
public class QueueServiceClient
{
    private readonly Uri _endpoint;
    private readonly StoragePipeline _pipeline;

    internal QueueServiceClient(Uri endpoint, StoragePipeline pipeline)
    {
        _endpoint = endpoint;
        _pipeline = pipeline;
    }

    /// <summary>For mocking.</summary>
    protected QueueServiceClient()
    {
        _endpoint = null!;
        _pipeline = null!;
    }

    /// <summary>Creates the queue; returns false when it already existed.</summary>
    public virtual async Task<bool> CreateQueueIfNotExistsAsync(string queue, CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.SendAsync(() => new HttpRequestMessage(HttpMethod.Put, QueueUri(queue)), cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, $"Create queue {queue}", cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Created;
    }

    /// <summary>Deletes the queue and its messages; returns false when there was none.</summary>
    public virtual async Task<bool> DeleteQueueAsync(string queue, CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, QueueUri(queue)), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await StorageErrors.ThrowIfFailedAsync(response, $"Delete queue {queue}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Sends a message whose body is <paramref name="body"/> (sent as base64 of its UTF-8 bytes).</summary>
    /// <param name="visibilityDelay">How long before the message can be received (default: at once).</param>
    /// <param name="timeToLive">How long the message lives; default 7 days, <see cref="Timeout.InfiniteTimeSpan"/> for ever.</param>
    /// <returns>The new message's id.</returns>
    public virtual async Task<string> SendMessageAsync(
        string queue, string body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (visibilityDelay is { } delay)
        {
            query.Add("visibilitytimeout=" + Seconds(delay));
        }

        if (timeToLive is { } ttl)
        {
            query.Add("messagettl=" + (ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl)));
        }

        var xml = MessageXml(Convert.ToBase64String(Encoding.UTF8.GetBytes(body)));
        using var response = await _pipeline.SendAsync(
            () => XmlRequest(HttpMethod.Post, MessagesUri(queue, null, query), xml),
            cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, $"Send to queue {queue}", cancellationToken).ConfigureAwait(false);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return document.Root!.Element("QueueMessage")!.Element("MessageId")!.Value;
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> (1–32) messages, hiding them for <paramref name="visibilityTimeout"/>.</summary>
    public virtual async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        var query = new List<string> { "numofmessages=" + maxMessages.ToString(CultureInfo.InvariantCulture), "visibilitytimeout=" + Seconds(visibilityTimeout) };
        return await ListMessagesAsync(queue, query, "Receive from", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without hiding them.</summary>
    public virtual Task<IReadOnlyList<QueueMessage>> PeekMessagesAsync(string queue, int maxMessages = 32, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        return ListMessagesAsync(queue, ["peekonly=true", "numofmessages=" + maxMessages.ToString(CultureInfo.InvariantCulture)], "Peek at", cancellationToken);
    }

    /// <summary>Deletes a received message; returns false when it was already gone (or its pop receipt is stale).</summary>
    public virtual async Task<bool> DeleteMessageAsync(string queue, string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, MessagesUri(queue, messageId, ["popreceipt=" + Uri.EscapeDataString(popReceipt)])),
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await StorageErrors.ThrowIfFailedAsync(response, $"Delete message from {queue}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Hides a received message for <paramref name="visibilityTimeout"/> from now (0 makes it visible at once).</summary>
    /// <exception cref="RequestFailedException">404 MessageNotFound when the pop receipt no longer matches.</exception>
    public virtual async Task<QueueMessageReceipt> UpdateVisibilityAsync(
        string queue, string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, MessagesUri(queue, messageId, ["popreceipt=" + Uri.EscapeDataString(popReceipt), "visibilitytimeout=" + Seconds(visibilityTimeout)])),
            cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, $"Update message in {queue}", cancellationToken).ConfigureAwait(false);
        var receipt = response.Headers.GetValues("x-ms-popreceipt").First();
        var nextVisible = DateTimeOffset.Parse(response.Headers.GetValues("x-ms-time-next-visible").First(), CultureInfo.InvariantCulture);
        return new QueueMessageReceipt(receipt, nextVisible);
    }

    /// <summary>The queue's approximate message count (visible and invisible).</summary>
    public virtual async Task<int> GetApproximateMessageCountAsync(string queue, CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, new Uri(QueueUri(queue).AbsoluteUri + "?comp=metadata")),
            cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, $"Read metadata of queue {queue}", cancellationToken).ConfigureAwait(false);
        return int.Parse(response.Headers.GetValues("x-ms-approximate-messages-count").First(), CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<QueueMessage>> ListMessagesAsync(string queue, List<string> query, string verb, CancellationToken cancellationToken)
    {
        using var response = await _pipeline.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, MessagesUri(queue, null, query)),
            cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, $"{verb} queue {queue}", cancellationToken).ConfigureAwait(false);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return document.Root!.Elements("QueueMessage").Select(ParseMessage).ToList();
    }

    private static QueueMessage ParseMessage(XElement message) => new(
        message.Element("MessageId")!.Value,
        message.Element("PopReceipt")?.Value,
        long.Parse(message.Element("DequeueCount")?.Value ?? "0", CultureInfo.InvariantCulture),
        ParseTime(message.Element("InsertionTime")!.Value),
        ParseTime(message.Element("ExpirationTime")!.Value),
        message.Element("TimeNextVisible") is { } next ? ParseTime(next.Value) : null,
        message.Element("MessageText")?.Value ?? "");

    private static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private Uri QueueUri(string queue) => new($"{_endpoint.AbsoluteUri.TrimEnd('/')}/{queue}");

    private Uri MessagesUri(string queue, string? messageId, List<string> query) =>
        new($"{QueueUri(queue).AbsoluteUri}/messages{(messageId is null ? "" : "/" + Uri.EscapeDataString(messageId))}{(query.Count > 0 ? "?" + string.Join('&', query) : "")}");

    private static string Seconds(TimeSpan span) => ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static byte[] MessageXml(string messageText) =>
        Encoding.UTF8.GetBytes(new XElement("QueueMessage", new XElement("MessageText", messageText)).ToString(SaveOptions.DisableFormatting));

    private static HttpRequestMessage XmlRequest(HttpMethod method, Uri uri, byte[] body)
    {
        var request = new HttpRequestMessage(method, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        return request;
    }
}
