namespace BackOnTrack.Core.Drops;

/// <summary>
/// A blob that was created or replaced, as an event on queue <c>drop-events</c> names it (read by the Event Grid SDK in
/// the application layer): its container, its name and the ETag it had then. Only the address is trusted: the blob's
/// current state is read from storage, because events can be late, repeated or out of order.
/// </summary>
public sealed record BlobCreatedEvent(string Container, string BlobName, string? ETag);
