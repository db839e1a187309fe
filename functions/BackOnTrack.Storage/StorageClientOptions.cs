namespace BackOnTrack.Storage;

/// <summary>Settings shared by the Blob, Queue and Table clients (configuration section <c>Storage</c>): the SDK's retry, the one retry layer for storage.</summary>
public sealed class StorageClientOptions
{
    public const string SectionName = "Storage";

    /// <summary>Retries after the first attempt for transient failures (408, 429, 500, 502, 503, 504, network errors).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First backoff delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Upper bound on one wait, including a server's Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one attempt before it counts as a network failure.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
