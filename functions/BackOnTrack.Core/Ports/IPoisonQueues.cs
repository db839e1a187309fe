namespace BackOnTrack.Core.Ports;

/// <summary>The trigger queues' poison twins, where the Functions host moves a message that failed every delivery.</summary>
public interface IPoisonQueues
{
    /// <summary>
    /// Moves the messages of <c>{triggerQueue}-poison</c> back to <paramref name="triggerQueue"/>, each sent again before
    /// it is deleted (so a crash between can only deliver it twice), at most as many as the poison queue held at the
    /// start (so one poisoned again meanwhile waits for the next replay); returns how many moved.
    /// </summary>
    Task<int> ReplayAsync(string triggerQueue, CancellationToken cancellationToken);
}
