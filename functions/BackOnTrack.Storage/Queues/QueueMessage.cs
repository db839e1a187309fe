using BackOnTrack.Core.Text;

namespace BackOnTrack.Storage.Queues;

/// <summary>A received (or peeked) queue message. <see cref="PopReceipt"/> is null for peeked messages.</summary>
public sealed record QueueMessage(
    string MessageId,
    string? PopReceipt,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset? NextVisibleOn,
    string MessageText)
{
    /// <summary>
    /// The message body: base64 text decoded as UTF-8 (how the hub and the Functions host write messages), or the text
    /// itself when it is not base64 (a message someone wrote as plain JSON).
    /// </summary>
    public string Body => Base64Text.TryDecode(MessageText) ?? MessageText;
}

/// <summary>A message's new pop receipt and visibility after an update.</summary>
public sealed record QueueMessageReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
