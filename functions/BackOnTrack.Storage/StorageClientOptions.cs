namespace BackOnTrack.Storage;

/// <summary>Settings shared by the Blob, Queue and Table clients (configuration section <c>Storage</c>).</summary>
public sealed class StorageClientOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// The REST API version sent as <c>x-ms-version</c>. 2025-11-05 is accepted by Azure and by Azurite 3.35 and later;
    /// a newer one makes Azurite answer 400 InvalidHeaderValue.
    /// </summary>
    public string ServiceVersion { get; set; } = "2025-11-05";

    /// <summary>Retries after the first attempt for transient failures (408, 429, 500, 502, 503, 504, network errors).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First backoff delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Upper bound on one wait, including a server's Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one attempt before it counts as a network failure.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
