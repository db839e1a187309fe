namespace BackOnTrack.Core.Ports;

/// <summary>
/// Queue <c>drop-events</c>, where Event Grid puts a BlobCreated event for each upload; the sweep puts one there too
/// for an upload whose event was lost.
/// </summary>
public interface IDropEvents
{
    /// <param name="eventJson">The event, serialised as Event Grid delivers it.</param>
    Task EnqueueAsync(string eventJson, CancellationToken cancellationToken);
}
