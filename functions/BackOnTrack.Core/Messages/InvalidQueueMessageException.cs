namespace BackOnTrack.Core.Messages;

/// <summary>A queue message that is not of its queue's shape; the message says what the shape is.</summary>
public sealed class InvalidQueueMessageException(string message) : Exception(message);
